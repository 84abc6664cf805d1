namespace Moecraft.Api.Authentication;

/// <summary>OpenAI's error envelope.</summary>
public sealed record OpenAiErrorBody(OpenAiErrorDetail Error);
