using Moecraft.Routing;

namespace Moecraft.Requests;

[GenerateSerializer, Alias("moecraft.AnsweredRequestState")]
public sealed class AnsweredRequestState
{
    [Id(0)] public AnsweredRequest? Request { get; set; }
}
