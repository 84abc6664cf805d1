using Moecraft.Tenants;

namespace Moecraft.Api.Tenants;

/// <summary>
/// <c>GET /moecraft/whoami</c>: who the credential is (tenant, admin, how it authenticated, which key) and the key's
/// limits after this request, or null limits when there is no key (open local access, JWT).
/// </summary>
public sealed record WhoAmIView(string Tenant, bool Admin, string Authentication, string? KeyId, string? KeyName, RateLimitState? Requests, RateLimitState? Tokens);
