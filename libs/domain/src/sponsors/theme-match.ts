/**
 * How a company's interest (free text, kept across editions) meets an edition's own words, as SQL over two text
 * expressions: Italian and English stems, every word of the interest present (so "mobilità" matches the theme
 * "Mobilità sostenibile", "energia rinnovabile" needs both words). An interest of stop words only matches nothing.
 */
const query = (interest: string) => `(plainto_tsquery('italian'::regconfig, ${interest}) || plainto_tsquery('english'::regconfig, ${interest}))`;

/** The theme name `themeName` matches the interest `interest`. */
export const themeMatches = (themeName: string, interest: string): string =>
  `((to_tsvector('italian'::regconfig, ${themeName}) || to_tsvector('english'::regconfig, ${themeName})) @@ ${query(interest)})`;

/** The idea (alias `idea`, through its stored full-text document: title, tags, summary, problem, solution, impact) speaks of `interest`. */
export const ideaMentions = (idea: string, interest: string): string => `(${idea}.search_vector @@ ${query(interest)})`;

/** The key of a theme or sector in a list: trimmed and lowercase, so "Energia" and " energia" are one. */
export const interestKey = (value: string): string => value.trim().toLowerCase();
