using Simulation.Core.Optimization;

namespace Simulation.Tests.Optimization;

/// <summary>Small sourcing problems written out by hand or drawn at random for the solver tests.</summary>
internal static class TestProblems
{
    /// <summary>One candidate of a one-buyer problem.</summary>
    public sealed record Offer(string Id, double Cost, double Capacity, double Co2e = 0, double[]? Availability = null, string Region = "r", double Fixed = 0, double Social = 0);

    /// <summary>One buyer with the given demand; every offer is an arc.</summary>
    public static SourcingProblem OneBuyer(double demand, double minShare, params Offer[] offers)
    {
        int scenarios = offers.Select(o => o.Availability?.Length ?? 1).Max();
        return new SourcingProblem
        {
            Buyers = [new SourcingBuyer("buyer", demand)],
            Candidates = [.. offers.Select(o => new SourcingCandidate(o.Id, o.Region, o.Capacity, o.Availability ?? Enumerable.Repeat(1.0, scenarios).ToArray()))],
            Arcs = [.. offers.Select((o, i) => new SourcingArc
            {
                BuyerIndex = 0,
                CandidateIndex = i,
                CostPerUnit = o.Cost,
                FixedCostPerDay = o.Fixed,
                Co2eKgPerUnit = o.Co2e,
                SocialRiskPerUnit = o.Social,
            })],
            ScenarioCount = scenarios,
            MinShare = minShare,
        };
    }

    /// <summary>
    /// A random problem: 1-3 buyers, 3-7 candidates in 2-3 regions, every buyer linked to most candidates,
    /// capacity in total about 1.6 times demand, 12 scenarios with correlated regional availability.
    /// </summary>
    public static SourcingProblem Random(int seed)
    {
        var random = new System.Random(seed);
        int buyers = random.Next(1, 4);
        int candidates = random.Next(3, 8);
        int regions = random.Next(2, 4);
        const int Scenarios = 12;
        var demand = Enumerable.Range(0, buyers).Select(_ => 50 + (150 * random.NextDouble())).ToArray();
        double total = demand.Sum();
        var regionHit = Enumerable.Range(0, regions).Select(_ => Enumerable.Range(0, Scenarios).Select(_ => random.NextDouble() < 0.2 ? 0.5 + (0.4 * random.NextDouble()) : 1).ToArray()).ToArray();
        var list = new List<SourcingCandidate>();
        for (int c = 0; c < candidates; c++)
        {
            int region = c % regions;
            var availability = Enumerable.Range(0, Scenarios)
                .Select(s => regionHit[region][s] * (random.NextDouble() < 0.1 ? random.NextDouble() : 1))
                .ToArray();
            list.Add(new SourcingCandidate($"c{c}", $"r{region}", total * 1.6 / candidates * (0.6 + (0.8 * random.NextDouble())), availability));
        }

        var arcs = new List<SourcingArc>();
        for (int b = 0; b < buyers; b++)
        {
            for (int c = 0; c < candidates; c++)
            {
                if (c > 1 && random.NextDouble() < 0.2)
                {
                    continue;
                }

                arcs.Add(new SourcingArc
                {
                    BuyerIndex = b,
                    CandidateIndex = c,
                    CostPerUnit = 2 + (2 * random.NextDouble()),
                    FixedCostPerDay = 20 * random.NextDouble(),
                    Co2eKgPerUnit = 1 + random.NextDouble(),
                    WaterLPerUnit = 1000 + (2000 * random.NextDouble()),
                    SocialRiskPerUnit = 0.05 * random.NextDouble(),
                });
            }
        }

        return new SourcingProblem
        {
            Buyers = [.. demand.Select((d, b) => new SourcingBuyer($"b{b}", d))],
            Candidates = list,
            Arcs = arcs,
            ScenarioCount = Scenarios,
            MinShare = random.NextDouble() < 0.5 ? 0 : 0.1,
        };
    }
}
