namespace Moecraft.Lifecycle;

/// <summary>
/// Free energy (SPEC 3.5): <c>F = (1 - Psi_slow) + lambda N + rho R + kappa I</c> with complexity <c>N = |A| / E_max</c>,
/// redundancy <c>R</c> (<see cref="RoleVectors.Redundancy"/>) and instability <c>I = mean_A B_e</c>.
/// <c>Psi_slow = sum_A L_e phi_e / sum_A L_e</c>: the per-expert slow <c>phi</c> clocks (SPEC 3.2 defines <c>Psi</c> over
/// <c>phi</c>, <c>Psi_loo</c> over <c>phi_loo</c>) weighted by the slow load-share clocks, over the active experts that have a
/// reading. Chosen over an EMA of the layer <c>Psi</c> because it can be recomputed on an edited roster. With no load
/// recorded it falls back to the plain mean, and with no reading at all to 0. (Measured on the toy bench: a trained layer's
/// <c>phi</c> sits at 0.6-0.9 while its <c>phi_loo</c> sits at 0.1-0.6, so a guard <c>Psi_slow &gt;= 0.5</c> over <c>phi_loo</c>
/// would block every prune.)
/// </summary>
public static class FreeEnergy
{
    /// <exception cref="ArgumentException">An invalid roster or weights.</exception>
    public static FreeEnergyBreakdown Of(RosterSnapshot roster, FreeEnergyWeights weights)
    {
        roster.Validate();
        weights.Validate();

        var activeCount = roster.ActiveCount;
        var psi = SlowCoherence(roster);
        var complexity = (double)activeCount / roster.Slots;
        var redundancy = RoleVectors.Redundancy(roster.RoleVectors, roster.RoleDimension, roster.Active);
        var instability = 0.0;
        for (var e = 0; e < roster.Slots; e++) instability += roster.Active[e] ? roster.Bimodality[e] : 0;
        instability = activeCount == 0 ? 0 : instability / activeCount;

        var value = (1 - psi) + weights.Complexity * complexity + weights.Redundancy * redundancy + weights.Instability * instability;
        return new FreeEnergyBreakdown(psi, complexity, redundancy, instability, value);
    }

    /// <summary><c>Psi_slow</c> as described on the class.</summary>
    public static double SlowCoherence(RosterSnapshot roster)
    {
        double weighted = 0, weight = 0, plain = 0;
        var readings = 0;
        for (var e = 0; e < roster.Slots; e++)
        {
            if (!roster.Active[e] || double.IsNaN(roster.SlowPhi[e])) continue;
            var load = double.IsNaN(roster.LoadShare[e]) ? 0 : roster.LoadShare[e];
            weighted += load * roster.SlowPhi[e];
            weight += load;
            plain += roster.SlowPhi[e];
            readings++;
        }
        if (weight > 0) return weighted / weight;
        return readings == 0 ? 0 : plain / readings;
    }
}
