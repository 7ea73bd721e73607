import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { en } from './en.js';
import { vi, type MessageKey } from './vi.js';

export type Language = 'vi' | 'en';
const dictionaries: Record<Language, Record<MessageKey, string>> = { vi, en };
const STORAGE_KEY = 'mot-cua.lang';

export type Translate = (key: MessageKey, values?: Record<string, string | number>) => string;

interface I18n {
  lang: Language;
  setLang(lang: Language): void;
  t: Translate;
  /** Numbers, amounts and dates in the language's conventions (1.500.000 đ in Vietnamese). */
  locale: string;
}

const I18nContext = createContext<I18n | null>(null);

function initialLanguage(): Language {
  return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'vi';
}

export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Language>(initialLanguage);
  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);
  const setLang = useCallback((next: Language) => {
    localStorage.setItem(STORAGE_KEY, next);
    setLangState(next);
  }, []);
  const value = useMemo<I18n>(() => {
    const dictionary = dictionaries[lang];
    const t: Translate = (key, values) =>
      values ? dictionary[key].replace(/\{(\w+)\}/g, (whole, name: string) => String(values[name] ?? whole)) : dictionary[key];
    return { lang, setLang, t, locale: lang === 'vi' ? 'vi-VN' : 'en-GB' };
  }, [lang, setLang]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const context = useContext(I18nContext);
  if (!context) throw new Error('useI18n outside I18nProvider');
  return context;
}
