using Microsoft.AspNetCore.Http;
using Moecraft.Tenants;

namespace Moecraft.Api.Authentication;

/// <summary>What authentication learnt about the API key of the current request: the tenant grain's answer with its limits.</summary>
public static class AuthenticatedKey
{
    private static readonly object Key = new();

    /// <summary>The key's authorization (who, admin, limits), or null when the request did not present an API key.</summary>
    public static KeyAuthorization? Of(HttpContext context) =>
        context.Items.TryGetValue(Key, out var value) ? value as KeyAuthorization : null;

    internal static void Set(HttpContext context, KeyAuthorization authorization) => context.Items[Key] = authorization;
}
