namespace Moecraft.Federation;

/// <summary>The address of a node's federation surface as an operator gives it: an absolute http or https URL of the node's HTTP API.</summary>
public static class PeerAddresses
{
    public const int MaxLength = 2048;

    /// <summary>The base URL, without query, fragment or trailing slash.</summary>
    /// <exception cref="ArgumentException">Not an absolute http(s) URL, or one with user info, a query or a fragment.</exception>
    public static Uri Parse(string? address)
    {
        if (string.IsNullOrWhiteSpace(address) || address.Length > MaxLength || address.Any(char.IsControl))
            throw new ArgumentException($"A peer's address is the http(s) URL of its HTTP API, e.g. https://node.example:8080; got '{Shown(address)}'.", nameof(address));
        if (!Uri.TryCreate(address.Trim(), UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            throw new ArgumentException($"A peer's address is an absolute http or https URL, e.g. https://node.example:8080; got '{Shown(address)}'.", nameof(address));
        if (uri.UserInfo.Length > 0 || uri.Query.Length > 0 || uri.Fragment.Length > 0)
            throw new ArgumentException($"A peer's address carries no user, query or fragment; got '{Shown(address)}'.", nameof(address));
        return new Uri(uri.GetLeftPart(UriPartial.Path).TrimEnd('/'));
    }

    private static string Shown(string? address) => address is null ? "" : FederationSignature.Printable(address);
}
