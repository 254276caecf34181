// Issue #22's conformance: every template we hold (starter gallery, check
// corpus, the export cases of crates/engine/tests/exports/cases.json),
// converted to Liquid and Handlebars by the engine (`export_cases` example),
// is rendered by LiquidJS and Handlebars.js (pinned in package.json) on every
// sample profile and must give the bytes our own render gives. A refusal is
// allowed, but it must say where; and enough templates must convert that the
// comparison proves something. No browser: the engines run in Node as the
// e-mail services run them.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { test } from 'node:test';

import Handlebars from 'handlebars';
import { Liquid } from 'liquidjs';

const root = path.resolve(import.meta.dirname, '../..');
const cases = JSON.parse(execFileSync('cargo', ['run', '-q', '--offline', '-p', 'notice-engine', '--example', 'export_cases'], {
  cwd: root,
  encoding: 'utf8',
  maxBuffer: 256 * 1024 * 1024,
}));

const render = {
  liquid: (source, data) => new Liquid().parseAndRenderSync(source, data),
  handlebars: (source, data) => Handlebars.create().compile(source)(data),
};

for (const target of ['liquid', 'handlebars']) {
  test(`every ${target} export renders as our engine does, on every profile`, () => {
    const mine = cases.filter((c) => c.target === target);
    const converted = mine.filter((c) => c.converted !== null);
    const mismatches = [];
    let compared = 0;
    for (const c of converted) {
      for (const r of c.renders.filter((r) => r.output !== null)) {
        let theirs;
        try {
          theirs = render[target](c.converted, r.data);
        } catch (err) {
          theirs = `(${target} failed: ${err.message})`;
        }
        compared += 1;
        if (theirs !== r.output) mismatches.push(`${c.case} [${r.profile}]\n--- ours\n${r.output}\n--- ${target}\n${theirs}\n--- converted\n${c.converted}`);
      }
    }
    assert.deepEqual(mismatches, [], `${mismatches.length} of ${compared} renders differ`);
    // Refusals say where (line and column), except a whole-template reason.
    for (const c of mine.filter((c) => c.converted === null)) assert.match(c.refusal, /line \d+, column \d+: |cannot|backslash/, c.case);
    console.log(`${target}: ${converted.length} of ${mine.length} templates converted, ${compared} renders compared`);
    assert.ok(compared >= 100, `only ${compared} renders compared`);
  });
}

test('the written export cases convert or refuse as intended', () => {
  const of = (name, target) => cases.find((c) => c.case === `exports/${name}` && c.target === target);
  for (const name of ['truth-of-text', 'truth-of-list-plain', 'truth-of-yes-no', 'truth-of-number', 'loop-with-counters-and-outer-names', 'lines-of-block-tags', 'block-tag-first-and-last', 'whitespace-control', 'braces-in-text', 'include-inlined', 'choice-and-joins', 'nested-loops', 'outer-names-inside-a-condition-in-a-loop', 'subscripts', 'special-characters-unescaped']) {
    for (const target of ['liquid', 'handlebars']) assert.equal(of(name, target).refusal, null, `${name} → ${target}`);
  }
  for (const name of ['compare-and-elif', 'or-of-comparisons', 'filters-with-twins', 'truth-of-list', 'loop-index-from-one']) {
    assert.equal(of(name, 'liquid').refusal, null, name);
    assert.notEqual(of(name, 'handlebars').refusal, null, name);
  }
  const refused = {
    'refused-number': /order\.total.*is a number/,
    'refused-default': /\|default/,
    'refused-set': /\{% set %\}/,
    'refused-unknown-type': /nothing proves “flag”/,
    'refused-null-sample': /nothing proves “nick”/,
    'refused-macro': /\{% macro %\}/,
    'refused-mixed-and-or': /right to left/,
  };
  for (const [name, says] of Object.entries(refused)) {
    assert.match(of(name, 'liquid').refusal ?? '', says, `${name} → liquid`);
    assert.match(of(name, 'liquid').refusal, /^line 1, column \d+: /, name);
  }
  // Text that would end Liquid's raw block: refused as a whole; Handlebars prints it.
  assert.match(of('refused-endraw-text', 'liquid').refusal ?? '', /holds \{% endraw %\}/);
  assert.equal(of('refused-endraw-text', 'handlebars').refusal, null);
});
