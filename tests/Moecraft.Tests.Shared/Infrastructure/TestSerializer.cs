using Microsoft.Extensions.DependencyInjection;
using Moecraft.Routing;
using Orleans.Serialization;

namespace Moecraft.Tests.Infrastructure;

/// <summary>Orleans' serializer with the contracts' codecs, for stores built outside a silo.</summary>
public static class TestSerializer
{
    public static Serializer Instance { get; } = new ServiceCollection()
        .AddSerializer(builder => builder.AddAssembly(typeof(AskResult).Assembly))
        .BuildServiceProvider()
        .GetRequiredService<Serializer>();
}
