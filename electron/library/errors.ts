// Errors the library throws on purpose, so callers can map them to API error codes.

export class ArticleNotFoundError extends Error {
  readonly id: string;
  constructor(id: string) {
    super(`No article with id ${id}`);
    this.name = 'ArticleNotFoundError';
    this.id = id;
  }
}
