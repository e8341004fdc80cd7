/** The words of configuration faults, in the admin's language (`quai config check` follows LANG). */
export interface ConfigWords {
  notFound(file: string): string;
  isDirectory(file: string): string;
  notJson(file: string): string;
  notObject(file: string, found: string): string;
  invalid(kind: 'agent' | 'hub', from?: string): string;
  /** Where a syntax fault is in the file: 1-based line and column. */
  at(line: number, column: number): string;
  unknownKey: string;
  required: string;
  /** A value of the wrong type: what the key takes and what was found, each a `kinds` word. */
  expected(what: string, found: string): string;
  kinds: Record<'null' | 'array' | 'object' | 'string' | 'number' | 'int' | 'boolean' | 'missing', string>;
  /** jsonc-parser's fault codes (`printParseErrorCode`), said in words. */
  syntax: Record<string, string>;
  noDevice(path: string): string;
  noFile(path: string): string;
  /** What to do about a secret file the service would refuse; `enrol` names the agent to enrol when it is the agent's hub token. */
  secret: Record<'SECRET_FILE_MISSING' | 'SECRET_FILE_TOO_OPEN' | 'SECRET_FILE_EMPTY', (path: string, enrol?: string) => string>;
  notPem(path: string): string;
  /** A value a schema's own check refused, by the `word` its issue carries (`params: { word }`). */
  refused: Record<'timeZone', string>;
  ok(kind: 'agent' | 'hub', file: string): string;
  guessed(kind: 'agent' | 'hub'): string;
}

export const CONFIG_WORDS_EN: ConfigWords = {
  notFound: (file) => `configuration file not found: ${file}`,
  isDirectory: (file) => `${file} is a directory, not a configuration file: give the file in it`,
  notJson: (file) => `configuration file ${file} is not valid JSON`,
  notObject: (file, found) => `configuration file ${file} must hold a JSON object ({ ... }), not ${found}`,
  invalid: (kind, from) => `invalid ${kind} configuration${from ? ` (${from})` : ''}`,
  at: (line, column) => `line ${line}, column ${column}`,
  unknownKey: 'unknown key',
  required: 'required',
  expected: (what, found) => `expected ${what}, not ${found}`,
  kinds: { null: 'null', array: 'an array', object: 'an object', string: 'a string', number: 'a number', int: 'a whole number', boolean: 'a boolean', missing: 'missing' },
  syntax: {
    InvalidSymbol: 'a character JSON does not allow here',
    InvalidNumberFormat: 'a malformed number',
    PropertyNameExpected: 'a key in double quotes expected',
    ValueExpected: 'a value expected',
    ColonExpected: 'a colon (:) expected',
    CommaExpected: 'a comma expected before this',
    CloseBraceExpected: 'a closing brace (}) expected',
    CloseBracketExpected: 'a closing bracket (]) expected',
    EndOfFileExpected: 'nothing expected after the end of the document',
    InvalidCommentToken: 'a malformed comment',
    UnexpectedEndOfComment: 'a comment not closed (*/)',
    UnexpectedEndOfString: 'a string not closed (")',
    UnexpectedEndOfNumber: 'a number cut short',
    InvalidUnicode: 'a malformed \\u escape',
    InvalidEscapeCharacter: 'an unknown escape (\\)',
    InvalidCharacter: 'a control character inside a string',
  },
  noDevice: (path) => `no such device ${path}`,
  noFile: (path) => `no such file ${path}`,
  secret: {
    SECRET_FILE_MISSING: (path, enrol) => `no such file ${path}${enrol ? `: enrol the agent on the hub's machine (quai hub agent add ${enrol}) and copy its token here (owner quai, chmod 600)` : ''}`,
    SECRET_FILE_TOO_OPEN: (path) => `${path} is readable by other users, the service refuses it: chmod 600 ${path}`,
    SECRET_FILE_EMPTY: (path) => `${path} is empty: write the secret in it`,
  },
  notPem: (path) => `${path} is not a PEM file (-----BEGIN …)`,
  refused: { timeZone: 'not an IANA time zone: write it as Area/City (Europe/Paris, America/New_York, Asia/Kolkata)' },
  ok: (kind, file) => `${file}: ${kind} configuration OK`,
  guessed: (kind) => `(checked as ${kind === 'agent' ? 'an agent' : 'a hub'} configuration; --kind to say which)`,
};

export const CONFIG_WORDS_FR: ConfigWords = {
  notFound: (file) => `fichier de configuration introuvable : ${file}`,
  isDirectory: (file) => `${file} est un répertoire, pas un fichier de configuration : donnez le fichier qu’il contient`,
  notJson: (file) => `le fichier de configuration ${file} n’est pas du JSON valide`,
  notObject: (file, found) => `le fichier de configuration ${file} doit contenir un objet JSON ({ ... }), pas ${found}`,
  invalid: (kind, from) => `configuration ${kind === 'agent' ? 'd’agent' : 'du hub'} invalide${from ? ` (${from})` : ''}`,
  at: (line, column) => `ligne ${line}, colonne ${column}`,
  unknownKey: 'clé inconnue',
  required: 'obligatoire',
  expected: (what, found) => `attendu : ${what}, trouvé : ${found}`,
  kinds: { null: 'null', array: 'un tableau', object: 'un objet', string: 'une chaîne', number: 'un nombre', int: 'un nombre entier', boolean: 'un booléen', missing: 'absent' },
  syntax: {
    InvalidSymbol: 'un caractère que JSON n’admet pas ici',
    InvalidNumberFormat: 'un nombre mal formé',
    PropertyNameExpected: 'une clé entre guillemets doubles est attendue',
    ValueExpected: 'une valeur est attendue',
    ColonExpected: 'deux-points (:) attendus',
    CommaExpected: 'une virgule est attendue avant ceci',
    CloseBraceExpected: 'une accolade fermante (}) est attendue',
    CloseBracketExpected: 'un crochet fermant (]) est attendu',
    EndOfFileExpected: 'rien n’est attendu après la fin du document',
    InvalidCommentToken: 'un commentaire mal formé',
    UnexpectedEndOfComment: 'un commentaire non fermé (*/)',
    UnexpectedEndOfString: 'une chaîne non fermée (")',
    UnexpectedEndOfNumber: 'un nombre tronqué',
    InvalidUnicode: 'un échappement \\u mal formé',
    InvalidEscapeCharacter: 'un échappement (\\) inconnu',
    InvalidCharacter: 'un caractère de contrôle dans une chaîne',
  },
  noDevice: (path) => `périphérique introuvable : ${path}`,
  noFile: (path) => `fichier introuvable : ${path}`,
  secret: {
    SECRET_FILE_MISSING: (path, enrol) => `fichier introuvable : ${path}${enrol ? ` : inscrivez l’agent sur la machine du hub (quai hub agent add ${enrol}) et copiez son jeton ici (propriétaire quai, chmod 600)` : ''}`,
    SECRET_FILE_TOO_OPEN: (path) => `${path} est lisible par d’autres utilisateurs, le service le refuse : chmod 600 ${path}`,
    SECRET_FILE_EMPTY: (path) => `${path} est vide : écrivez-y le secret`,
  },
  notPem: (path) => `${path} n’est pas un fichier PEM (-----BEGIN …)`,
  refused: { timeZone: 'pas un fuseau horaire IANA : écrivez-le Zone/Ville (Europe/Paris, America/New_York, Asia/Kolkata)' },
  ok: (kind, file) => `${file} : configuration ${kind === 'agent' ? 'd’agent' : 'du hub'} OK`,
  guessed: (kind) => `(vérifiée comme configuration ${kind === 'agent' ? 'd’agent' : 'du hub'} ; --kind pour le préciser)`,
};
