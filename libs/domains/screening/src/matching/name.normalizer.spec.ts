import { describe, expect, it } from 'vitest';
import { normalizeName } from './name.normalizer.js';

const tokens = (name: string) => normalizeName(name).tokens;

describe('normalizeName', () => {
  it('folds case, diacritics and punctuation', () => {
    expect(tokens('  Núñez-MÜLLER, José  ')).toEqual(['nunez', 'muller', 'jose']);
    expect(tokens("O'Brien")).toEqual(['obrien']);
  });

  it('transliterates other scripts', () => {
    expect(tokens('Владимир Путин')).toEqual(['vladimir', 'putin']);
    expect(tokens('Σωκράτης')).toEqual(['sokratis']);
    expect(tokens('صدام حسين')).toEqual(['sdm', 'hsyn']);
  });

  it('folds Cyrillic and Greek look-alikes hidden in Latin names, but not real Cyrillic names', () => {
    expect(tokens('Vlаdimir Putin')).toEqual(['vladimir', 'putin']); // Cyrillic а
    expect(tokens('РUТIN')).toEqual(['putin']); // Cyrillic Р and Т
    expect(tokens('Sergei Соса')).toEqual(['sergei', 'coca']); // all look-alikes inside a Latin name
    expect(tokens('Сергей Соса')).toEqual(['sergey', 'sosa']); // a Cyrillic name stays Cyrillic
    expect(tokens('Xаvier Ρeter')).toEqual(['xavier', 'peter']); // Greek Ρ
  });

  it('removes zero-width characters and bidi controls', () => {
    expect(tokens('Vla\u200Bdi\u200Dmir Pu\uFEFFtin')).toEqual(['vladimir', 'putin']);
    expect(tokens('\u202EVladimir\u202C \u2067Putin\u2069')).toEqual(['vladimir', 'putin']);
  });

  it('drops honorifics and records legal forms', () => {
    expect(normalizeName('Dr. Sheikh Ahmed KHAN').tokens).toEqual(['ahmed', 'khan']);
    expect(normalizeName('KREKAR, Mullah').tokens).toEqual(['krekar']);
    expect(normalizeName('Acme Trading Co., Ltd.')).toMatchObject({
      tokens: ['acme', 'trading'],
      legalForms: ['ltd', 'co'],
    });
    expect(normalizeName('GRUPO CRISTAL CORONA S.A. DE C.V.')).toMatchObject({
      tokens: ['grupo', 'cristal', 'corona'],
      legalForms: ['sa'],
    });
    expect(normalizeName('OOO Romashka')).toMatchObject({ tokens: ['romashka'], legalForms: ['ooo'] });
    expect(normalizeName('Bank of China Limited Liability Company').tokens).toEqual(['bank', 'china']);
    expect(normalizeName('Sahand Aluminum Kompani').tokens).toEqual(['sahand', 'aluminum']);
  });

  it('drops titles only where they lead the name or a comma part, and joins dotted acronyms', () => {
    expect(tokens('Muhammad Naeem SHEIKH')).toEqual(['muhammad', 'naeem', 'sheikh']);
    expect(tokens('AWEYS, Sheikh Hassan')).toEqual(['aweys', 'hassan']);
    expect(tokens('Хаджи Мухаммад')).toEqual(['mukhammad']);
    expect(normalizeName('G.L.G. S.A.')).toMatchObject({ tokens: ['glg'], legalForms: ['sa'] });
    expect(tokens('Iyad ag GHALY')).toEqual(['iyad', 'ag', 'ghaly']);
    expect(tokens('Р-671')).toEqual(['p', '671']); // Cyrillic Р in a registration
  });

  it('keeps a name made only of generic words', () => {
    expect(tokens('The Company')).toEqual(['company']);
    expect(tokens('Mr')).toEqual(['mr']);
  });

  it('answers nothing for empty or symbol-only names and bounds very long ones', () => {
    expect(tokens('')).toEqual([]);
    expect(tokens('  -- ** \u200B  ')).toEqual([]);
    const long = normalizeName('Abcdefg '.repeat(1_250));
    expect(long.tokens.length).toBeLessThanOrEqual(12);
    expect(tokens('x'.repeat(10_000))[0].length).toBeLessThanOrEqual(512);
  });
});
