namespace Moecraft.Api.Tenants;

/// <summary>
/// <c>POST /moecraft/keys</c>: a new key for <see cref="Tenant"/>. The name is required; requests per minute default to
/// 60; no token limit unless given; not an admin key unless asked.
/// </summary>
public sealed record CreateKeyBody(string? Tenant, string? Name, int? RequestsPerMinute = null, int? TokensPerMinute = null, bool? Admin = null);
