namespace Moecraft.Api.Tenants;

/// <summary>The answer to creating a key: the key itself, shown this once, and the key as it will be listed.</summary>
public sealed record IssuedKeyView(string Tenant, string Key, ApiKeyView Settings);
