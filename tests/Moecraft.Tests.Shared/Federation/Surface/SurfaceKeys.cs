using System.Security.Cryptography;
using Moecraft.Identity;
using Moecraft.Tests.Identity;

namespace Moecraft.Tests.Federation.Surface;

/// <summary>Fresh node keys for federation-surface tests: each a new random seed, as a new node would have.</summary>
internal static class SurfaceKeys
{
    public static NodeKey Fresh() => NodeKeyFiles.Load(RandomNumberGenerator.GetBytes(32));
}
