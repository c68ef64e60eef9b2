import type { ChatRequestV1, RouteCandidateV1, RouteContextV1, RouterV1, RuleConfig } from '@llmrouter/core';
import { hasImages, hasTools, routingText } from './request-text';
import { decisionCandidates, preferredOrCheapest } from './route-candidates';
import { requireCandidateName, routerConfigError } from './strategy-errors';

/** A rule with its keywords and patterns compiled once, at startup. */
interface CompiledRule {
  index: number;
  config: RuleConfig;
  keywords: RegExp | undefined;
  patterns: RegExp[];
}

export interface RulesRouterOptions {
  candidates: ReadonlyMap<string, RouteCandidateV1>;
  rules: readonly RuleConfig[];
  default: string;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function compileRule(config: RuleConfig, index: number, known: ReadonlySet<string>): CompiledRule {
  requireCandidateName(config.model, `rules[${index}].model`, known);
  const words = config.keywords ?? [];
  // Whole words: no letter, digit or underscore may touch the keyword on either side ("code" misses "codex").
  const keywords =
    words.length === 0
      ? undefined
      : new RegExp(`(?<![\\p{L}\\p{N}_])(?:${words.map(escapeRegExp).join('|')})(?![\\p{L}\\p{N}_])`, 'iu');
  const patterns = (config.patterns ?? []).map((source, patternIndex) => {
    try {
      return new RegExp(source, 'u');
    } catch (error) {
      throw routerConfigError(
        `rules[${index}].patterns[${patternIndex}]`,
        `not a valid regular expression: ${(error as Error).message}`,
        'fix the expression (JavaScript syntax, Unicode mode) or quote it in YAML',
        source,
      );
    }
  });
  if (
    config.min_length !== undefined &&
    config.max_length !== undefined &&
    config.min_length > config.max_length
  ) {
    throw routerConfigError(
      `rules[${index}]`,
      'min_length is greater than max_length',
      'swap or fix the bounds',
    );
  }
  return { index, config, keywords, patterns };
}

function entriesMatch(
  wanted: Record<string, string> | undefined,
  actual: Readonly<Record<string, string>> | undefined,
  lowerKeys: boolean,
): boolean {
  if (wanted === undefined) return true;
  for (const [key, value] of Object.entries(wanted)) {
    if (actual?.[lowerKeys ? key.toLowerCase() : key] !== value) return false;
  }
  return true;
}

/** Every condition a rule sets must hold; a rule with no condition always matches. */
function ruleMatches(
  rule: CompiledRule,
  request: ChatRequestV1,
  text: string,
  context: RouteContextV1,
): boolean {
  const { config } = rule;
  if (rule.keywords && !rule.keywords.test(text)) return false;
  if (rule.patterns.length > 0 && !rule.patterns.some((pattern) => pattern.test(text))) return false;
  if (config.min_length !== undefined && text.length < config.min_length) return false;
  if (config.max_length !== undefined && text.length > config.max_length) return false;
  if (config.has_tools !== undefined && hasTools(request) !== config.has_tools) return false;
  if (config.has_images !== undefined && hasImages(request) !== config.has_images) return false;
  if (!entriesMatch(config.metadata, context.metadata, false)) return false;
  return entriesMatch(config.headers, context.headers, true);
}

/** Ordered rules over the last user message; the first match wins, else the default model. */
export function createRulesRouter(options: RulesRouterOptions): RouterV1 {
  const known = new Set(options.candidates.keys());
  requireCandidateName(options.default, 'default', known);
  const rules = options.rules.map((rule, index) => compileRule(rule, index, known));
  return {
    specificationVersion: 'v1',
    strategy: 'rules',
    route(request, context) {
      const allowed = decisionCandidates(options.candidates, context);
      const allowedNames = new Set(allowed.map((candidate) => candidate.name));
      const text = routingText(request);
      for (const rule of rules) {
        // Inside a tier, a rule whose model is outside it is skipped rather than breaking the tier.
        if (!allowedNames.has(rule.config.model)) continue;
        if (ruleMatches(rule, request, text, context)) {
          return { model: rule.config.model, strategy: 'rules', reason: `rule ${rule.index + 1} matched` };
        }
      }
      const model = preferredOrCheapest(options.default, allowed);
      const reason =
        model === options.default
          ? 'no rule matched; default'
          : 'no rule matched; default is outside the tier, cheapest in tier';
      return { model, strategy: 'rules', reason };
    },
  };
}
