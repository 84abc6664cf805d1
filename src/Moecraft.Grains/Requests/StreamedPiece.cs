namespace Moecraft.Requests;

/// <summary>One piece of a streamed answer: a text delta, or the whole answer of the expert that gave it.</summary>
public sealed record StreamedPiece(string? Delta, AnsweredBy? Answer);
