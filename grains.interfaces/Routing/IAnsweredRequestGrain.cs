namespace Moecraft.Routing;

/// <summary>
/// The memory of one answered request, for feedback by request id (key: <c>{tenant}/{request id}</c>, so one tenant can
/// never name another's request).
/// </summary>
[Alias("moecraft.IAnsweredRequestGrain")]
public interface IAnsweredRequestGrain : IGrainWithStringKey
{
    [Alias("Remember")]
    Task Remember(AnsweredRequest request);

    /// <summary>The request, or null when this tenant answered no request with this id.</summary>
    [Alias("Recall")]
    Task<AnsweredRequest?> Recall();

    public static string Key(string tenantId, string requestId) => $"{tenantId}/{requestId}";
}
