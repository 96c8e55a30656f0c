/** The reply languages: Indonesian (the office's) and English. */
export type Language = 'id' | 'en';
