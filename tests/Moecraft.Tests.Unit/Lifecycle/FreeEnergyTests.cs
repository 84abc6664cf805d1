using Moecraft.Lifecycle;

namespace Moecraft.Tests.Lifecycle;

public sealed class FreeEnergyTests
{
    [Fact]
    public void Free_energy_of_a_small_roster()
    {
        // E_max = 4, A = {0, 1, 2}. Psi_slow weighs phi (self term included), not phi_loo (SPEC 3.2):
        // Psi_slow = (0.5 * 0.9 + 0.25 * 0.6 + 0.25 * 0.3) / 1 = 0.675; N = 3/4.
        // Roles (1, 0), (0.9, sqrt 0.19), (0, 1): R = (0.9 - 0.8) / 0.2 = 0.5. I = (0.2 + 0 + 0.1) / 3 = 0.1
        // (the inactive slot's 0.9 does not count).
        // F = (1 - 0.675) + 0.1 * 0.75 + 0.5 * 0.5 + 0.5 * 0.1 = 0.325 + 0.075 + 0.25 + 0.05 = 0.7.
        var roster = new RosterSnapshot(
            Active: [true, true, true, false],
            SlowCoherence: [0.2, 0.1, 0.0, double.NaN],
            SlowPhi: [0.9, 0.6, 0.3, double.NaN],
            LoadShare: [0.5, 0.25, 0.25, double.NaN],
            Bimodality: [0.2, 0, 0.1, 0.9],
            RoleVectors: [1, 0, 0.9, Math.Sqrt(0.19), 0, 1, 0, 0],
            RoleDimension: 2,
            TokensSeen: [100, 100, 100, 0],
            Steps: 10,
            SlowHalfLife: 1000);

        var f = FreeEnergy.Of(roster, new FreeEnergyWeights());

        Assert.Equal(0.675, f.SlowCoherence, 1e-9);
        Assert.Equal(0.75, f.Complexity, 1e-12);
        Assert.Equal(0.5, f.Redundancy, 1e-9);
        Assert.Equal(0.1, f.Instability, 1e-12);
        Assert.Equal(0.7, f.Value, 1e-9);
    }

    [Fact]
    public void Slow_coherence_falls_back_to_the_plain_mean_without_load_and_to_zero_without_readings()
    {
        var noLoad = Roster([true, true], [0.8, 0.4], [0, 0]);
        Assert.Equal(0.6, FreeEnergy.SlowCoherence(noLoad), 1e-12);

        var noReading = Roster([true, true], [double.NaN, double.NaN], [0.5, 0.5]);
        Assert.Equal(0.0, FreeEnergy.SlowCoherence(noReading));
    }

    [Fact]
    public void An_invalid_roster_is_rejected()
    {
        Assert.Throws<ArgumentException>(() => FreeEnergy.Of(Roster([true, true], [0.8], [0.5, 0.5]), new FreeEnergyWeights()));
        Assert.Throws<ArgumentException>(() => FreeEnergy.Of(Roster([true], [1.5], [1]), new FreeEnergyWeights()));
        Assert.Throws<ArgumentException>(() => FreeEnergy.Of(Roster([true], [0.5], [1]), new FreeEnergyWeights(Complexity: -1)));
    }

    /// <summary>A roster whose <c>phi</c> is <paramref name="coherence"/> and whose <c>phi_loo</c> is 0.1 below it.</summary>
    private static RosterSnapshot Roster(bool[] active, double[] coherence, double[] load) =>
        new(active, [.. coherence.Select(c => double.IsNaN(c) ? c : c - 0.1)], coherence, load, new double[active.Length], new double[active.Length], 1, new long[active.Length], 0, 1000);
}
