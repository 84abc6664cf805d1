namespace Moecraft.Api.Authentication;

/// <summary>OpenAI's error object: message, type, param (always present, often null) and code.</summary>
public sealed record OpenAiErrorDetail(string Message, string Type, string? Param, string? Code);
