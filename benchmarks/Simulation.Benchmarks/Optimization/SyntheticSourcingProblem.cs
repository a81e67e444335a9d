using Simulation.Core.Optimization;

namespace Simulation.Benchmarks.Optimization;

/// <summary>
/// Sourcing problems of a chosen size for the solve-time benchmarks: 3 buyers, n candidate suppliers
/// in 10 regions, every buyer linked to every candidate, capacity 1.5 times demand in total. Cheaper
/// regions are riskier (more frequent, deeper regional events), so cost and continuity pull apart and
/// the CVaR cap binds. Deterministic from the seed.
/// </summary>
internal static class SyntheticSourcingProblem
{
    private const int Regions = 10;

    public static SourcingProblem Create(int suppliers, int scenarios, int seed = 1)
    {
        var random = new Random(seed);
        double[] demand = [120_000, 70_000, 50_000];
        double total = demand.Sum();

        // Region r: price level falls and hazard rises with r.
        var regionAvailability = new double[Regions][];
        for (int r = 0; r < Regions; r++)
        {
            double hazard = 0.05 + (0.03 * r);
            regionAvailability[r] = [.. Enumerable.Range(0, scenarios).Select(_ => random.NextDouble() < hazard ? 1 - (0.2 + (0.5 * random.NextDouble())) : 1)];
        }

        var candidates = new List<SourcingCandidate>(suppliers);
        var basePrice = new double[suppliers];
        var co2e = new double[suppliers];
        var social = new double[suppliers];
        for (int c = 0; c < suppliers; c++)
        {
            int region = c % Regions;
            var availability = regionAvailability[region]
                .Select(a => a * (random.NextDouble() < 0.04 ? random.NextDouble() : 1))
                .ToArray();
            double capacity = total * 1.5 / suppliers * (0.5 + random.NextDouble());
            candidates.Add(new SourcingCandidate($"s{c:D4}", $"region-{region}", capacity, availability));
            basePrice[c] = 2.6 - (0.05 * region) + (0.3 * random.NextDouble());
            co2e[c] = 1.4 + (0.4 * random.NextDouble());
            social[c] = 0.01 + (0.03 * random.NextDouble());
        }

        var arcs = new List<SourcingArc>(demand.Length * suppliers);
        for (int b = 0; b < demand.Length; b++)
        {
            for (int c = 0; c < suppliers; c++)
            {
                arcs.Add(new SourcingArc
                {
                    BuyerIndex = b,
                    CandidateIndex = c,
                    CostPerUnit = basePrice[c] + 0.08 + (0.02 * b),
                    FixedCostPerDay = 36 + (10 * random.NextDouble()),
                    Co2eKgPerUnit = co2e[c] + 0.08,
                    WaterLPerUnit = 2600,
                    SocialRiskPerUnit = social[c],
                });
            }
        }

        return new SourcingProblem
        {
            Buyers = [.. demand.Select((d, b) => new SourcingBuyer($"buyer-{b}", d))],
            Candidates = candidates,
            Arcs = arcs,
            ScenarioCount = scenarios,
            MinShare = 0.001,
        };
    }

    /// <summary>
    /// Minimise cost, at most 10% per supplier and 30% per region, to a 1% gap, with caps that bind: the
    /// CVaR_0.95 of shortfall halfway between its own minimum and its value at the cheapest mix, and
    /// CO2e at <paramref name="co2eFactor"/> times the cheapest mix's. Solves the problem twice to find them.
    /// </summary>
    public static SourcingSettings BindingSettings(SourcingProblem problem, double co2eFactor)
    {
        var limits = new SourcingSettings
        {
            Objective = SourcingKpi.Cost,
            MaxSupplierShare = 0.1,
            MaxRegionShare = 0.3,
            CvarAlpha = 0.95,
            RelativeGap = 0.01,
            TimeLimit = TimeSpan.FromSeconds(120),
        };
        var cheapest = SourcingSolver.Solve(problem, limits);
        var safest = SourcingSolver.Solve(problem, limits with { Objective = SourcingKpi.Cvar });
        return limits with
        {
            Caps = new Dictionary<SourcingKpi, double>
            {
                [SourcingKpi.Cvar] = (cheapest.Predicted[SourcingKpi.Cvar] + safest.Predicted[SourcingKpi.Cvar]) / 2,
                [SourcingKpi.Co2e] = cheapest.Predicted[SourcingKpi.Co2e] * co2eFactor,
            },
        };
    }
}
