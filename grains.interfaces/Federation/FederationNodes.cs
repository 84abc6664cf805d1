namespace Moecraft.Federation;

/// <summary>Keys of the federation grains.</summary>
public static class FederationNodes
{
    /// <summary>The feed grain that holds, on node <paramref name="holder"/>, the packets of origin <paramref name="originNodeId"/>.</summary>
    public static string FeedKey(string holder, string originNodeId) => holder + "/" + originNodeId;

    /// <summary>Splits a feed key into holder node name and origin node id.</summary>
    public static (string Holder, string Origin) ParseFeedKey(string key)
    {
        var slash = key.IndexOf('/');
        if (slash <= 0 || slash == key.Length - 1) throw new ArgumentException($"A feed key is '{{node}}/{{origin}}', got '{key}'.", nameof(key));
        return (key[..slash], key[(slash + 1)..]);
    }
}
