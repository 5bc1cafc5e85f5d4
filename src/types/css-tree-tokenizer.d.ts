// The CSS tokenizer of css-tree (CSS Syntax Module Level 3), which ships without types for this entry.
declare module 'css-tree/tokenizer' {
  /** Token type numbers: EOF 0, Ident 1, Function 2, … Comment 25. */
  export const tokenTypes: {
    readonly EOF: number; readonly Ident: number; readonly Function: number; readonly AtKeyword: number; readonly Hash: number;
    readonly String: number; readonly BadString: number; readonly Url: number; readonly BadUrl: number; readonly Delim: number;
    readonly Number: number; readonly Percentage: number; readonly Dimension: number; readonly WhiteSpace: number;
    readonly CDO: number; readonly CDC: number; readonly Colon: number; readonly Semicolon: number; readonly Comma: number;
    readonly LeftSquareBracket: number; readonly RightSquareBracket: number; readonly LeftParenthesis: number;
    readonly RightParenthesis: number; readonly LeftCurlyBracket: number; readonly RightCurlyBracket: number; readonly Comment: number;
  };
  /** Calls `onToken` for each token of `source`, with its type and its start and end offsets. */
  export function tokenize(source: string, onToken: (type: number, start: number, end: number) => void): void;
}
