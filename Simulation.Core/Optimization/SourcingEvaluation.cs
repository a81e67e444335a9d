namespace Simulation.Core.Optimization;

/// <summary>
/// Evaluates a mix exactly, without the solver: the KPIs a solution is reported with, and the check
/// that it meets every constraint. With w_a = demand(buyer of a) / total demand x share_a (arc a's share
/// of all demand) and v_c = sum of w_a over c's arcs:
/// <code>
///   cost      = sum_a w_a (delivered_c cost_a + (1 - delivered_c) lost margin_a) + sum_{a used} fixed_a / total demand
///               (landed cost per unit of demand plus the margin of the sales lost; delivered_c = the
///               demand-weighted mean availability of c, <see cref="SourcingProblem.DeliveredShare"/>)
///   co2e, water, social = sum_a w_a value_a
///   L_s       = sum_a w_a (1 - availability_cs) (s_a + k_c e_a)  shortfall share in scenario s (one period of one replication)
///   shortfall = sum_s f_s L_s / sum_s f_s                       f_s = the scenario's demand factor
///   cvar      = min_t  t + sum_s max(0, L_s - t) / ((1 - alpha) S)   (Rockafellar-Uryasev)
/// </code>
/// and for each enrolment o = (programme, candidate c) chosen: cost += cost_o / 365 / total demand,
/// co2e -= v_c co2e cut_o, social -= v_c social cut_o; c's capacity grows by the capacity it adds.
/// An arc counts as used when its share exceeds <see cref="UsedThreshold"/>.
/// </summary>
public static class SourcingEvaluation
{
    /// <summary>Shares at or below this are treated as zero (solver round-off).</summary>
    public const double UsedThreshold = 1e-7;

    /// <summary>The KPIs of <paramref name="shares"/> (aligned with the problem's arcs) with the <paramref name="enrolled"/> programme options.</summary>
    public static Dictionary<SourcingKpi, double> Evaluate(SourcingProblem problem, IReadOnlyList<double> shares, IReadOnlyList<int> enrolled, double cvarAlpha)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(shares);
        ArgumentNullException.ThrowIfNull(enrolled);
        double total = problem.TotalDemandPerDay;
        double cost = 0, co2e = 0, water = 0, social = 0;
        var volume = new double[problem.Candidates.Count];
        var delivered = new double[problem.Candidates.Count];
        for (int c = 0; c < delivered.Length; c++)
        {
            delivered[c] = problem.DeliveredShare(c);
        }

        for (int a = 0; a < problem.Arcs.Count; a++)
        {
            var arc = problem.Arcs[a];
            double w = problem.Buyers[arc.BuyerIndex].DemandPerDay / total * shares[a];
            cost += w * CostPerUnitOfDemand(arc, delivered[arc.CandidateIndex]) + (shares[a] > UsedThreshold ? arc.FixedCostPerDay / total : 0);
            co2e += w * arc.Co2eKgPerUnit;
            water += w * arc.WaterLPerUnit;
            social += w * arc.SocialRiskPerUnit;
            volume[arc.CandidateIndex] += w;
        }

        foreach (int o in enrolled)
        {
            var option = problem.ProgrammeOptions[o];
            cost += option.CostPerYear / Internal.SourcingModel.DaysPerYear / total;
            co2e -= volume[option.CandidateIndex] * option.Co2eCutKgPerUnit;
            social -= volume[option.CandidateIndex] * option.SocialRiskCutPerUnit;
        }

        var losses = ScenarioLosses(problem, shares, volume);
        return new Dictionary<SourcingKpi, double>
        {
            [SourcingKpi.Cost] = cost + CoverCost(problem, shares, volume),
            [SourcingKpi.Co2e] = co2e,
            [SourcingKpi.Water] = water,
            [SourcingKpi.SocialRisk] = social,
            [SourcingKpi.Shortfall] = MeanShortfall(problem, losses),
            [SourcingKpi.Cvar] = ConditionalValueAtRisk(losses, cvarAlpha),
        };
    }

    /// <summary>
    /// What one unit of demand sent along the arc costs: the landed cost of the share delivered plus the
    /// margin lost on the share not delivered, with <paramref name="deliveredShare"/> the candidate's
    /// <see cref="SourcingProblem.DeliveredShare"/>.
    /// </summary>
    public static double CostPerUnitOfDemand(SourcingArc arc, double deliveredShare)
    {
        ArgumentNullException.ThrowIfNull(arc);
        return (deliveredShare * arc.CostPerUnit) + ((1 - deliveredShare) * arc.LostMarginPerUnit);
    }

    /// <summary>The demand-weighted mean of the scenarios' shortfall shares: the share of all demand lost.</summary>
    public static double MeanShortfall(SourcingProblem problem, IReadOnlyList<double> losses)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(losses);
        double sum = 0, weight = 0;
        for (int s = 0; s < losses.Count; s++)
        {
            sum += problem.DemandFactor(s) * losses[s];
            weight += problem.DemandFactor(s);
        }

        return weight > 0 ? sum / weight : 0;
    }

    /// <summary>
    /// Shortfall share L_s of each scenario at a mix (shares aligned with the arcs): the buyers' losses
    /// (<see cref="BuyerLosses"/>) weighted by their demand.
    /// </summary>
    public static double[] ScenarioLosses(SourcingProblem problem, IReadOnlyList<double> shares)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(shares);
        return ScenarioLosses(problem, shares, CandidateVolumes(problem, shares));
    }

    /// <summary><see cref="ScenarioLosses(SourcingProblem, IReadOnlyList{double})"/> with the candidates' volumes at the mix already known.</summary>
    private static double[] ScenarioLosses(SourcingProblem problem, IReadOnlyList<double> shares, IReadOnlyList<double> volume)
    {
        var losses = new double[problem.ScenarioCount];
        double total = problem.TotalDemandPerDay;
        for (int b = 0; b < problem.Buyers.Count; b++)
        {
            double weight = problem.Buyers[b].DemandPerDay / total;
            var buyerLosses = BuyerLosses(problem, b, shares, volume);
            for (int s = 0; s < losses.Length; s++)
            {
                losses[s] += weight * buyerLosses[s];
            }
        }

        return losses;
    }

    /// <summary>
    /// Buyer b's shortfall share in each scenario: the proportional loss sum_{a of b} (1 - availability_cs) (s_a + k_c e_a) (k_c the candidate's <see cref="SourcingCandidate.OutageWeight"/>, e_a its share above today's),
    /// and with a <see cref="StockCover"/> max(0, that + G_p(L_b)), L_b its lead time at the mix.
    /// </summary>
    public static double[] BuyerLosses(SourcingProblem problem, int buyer, IReadOnlyList<double> shares, IReadOnlyList<double> candidateVolume)
    {
        var losses = UnclampedBuyerLosses(problem, buyer, shares, candidateVolume);
        if (problem.Buyers[buyer].Cover is not null)
        {
            for (int s = 0; s < losses.Length; s++)
            {
                losses[s] = Math.Max(0, losses[s]);
            }
        }

        return losses;
    }

    /// <summary>
    /// <see cref="BuyerLosses"/> before the cut at 0: sum_{a of b} (1 - availability_cs) (s_a + k_c e_a) + G_p(L_b)
    /// (negative where the stock absorbs the scenario's outages with room to spare).
    /// </summary>
    public static double[] UnclampedBuyerLosses(SourcingProblem problem, int buyer, IReadOnlyList<double> shares, IReadOnlyList<double> candidateVolume)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(shares);
        var losses = new double[problem.ScenarioCount];
        for (int a = 0; a < problem.Arcs.Count; a++)
        {
            if (problem.Arcs[a].BuyerIndex != buyer || !(shares[a] > 0))
            {
                continue;
            }

            var candidate = problem.Candidates[problem.Arcs[a].CandidateIndex];
            double share = shares[a] + (candidate.OutageWeight * problem.ExcessShare(a, shares[a]));
            for (int s = 0; s < losses.Length; s++)
            {
                losses[s] += share * candidate.Outage(s);
            }
        }

        if (problem.Buyers[buyer].Cover is { } cover)
        {
            double lead = problem.LeadTimeDays(buyer, shares, candidateVolume);
            for (int s = 0; s < losses.Length; s++)
            {
                var (factor, length) = problem.Period(s);
                losses[s] += cover.CoverLossEnvelope(factor, length, lead);
            }
        }

        return losses;
    }

    /// <summary>Each candidate's share v_c of all demand at a mix.</summary>
    public static double[] CandidateVolumes(SourcingProblem problem, IReadOnlyList<double> shares)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(shares);
        var volume = new double[problem.Candidates.Count];
        double total = problem.TotalDemandPerDay; // a sum over the buyers: once, not per arc
        for (int a = 0; a < problem.Arcs.Count; a++)
        {
            volume[problem.Arcs[a].CandidateIndex] += problem.Buyers[problem.Arcs[a].BuyerIndex].DemandPerDay / total * shares[a];
        }

        return volume;
    }

    /// <summary>
    /// The cost of the loss stock covers add beyond the proportional model (negative where the safety
    /// stock absorbs disrupted supply), per unit of all demand: sum over covered buyers b of
    /// w_b x shortfall cost_b x (sum_p F_p / F max(0, sum_{a of b} s_a (1 - mean availability_ap) + G_p(L_b))
    /// - sum_{a of b} s_a (1 - delivered_c)), each period at its mean availabilities (as the solver sees it).
    /// </summary>
    private static double CoverCost(SourcingProblem problem, IReadOnlyList<double> shares, IReadOnlyList<double> volume)
    {
        double cost = 0;
        double total = problem.TotalDemandPerDay;
        for (int b = 0; b < problem.Buyers.Count; b++)
        {
            if (problem.Buyers[b].Cover is not { ShortfallCostPerUnit: > 0 } cover)
            {
                continue;
            }

            double lead = problem.LeadTimeDays(b, shares, volume);
            double beyond = 0;
            for (int p = 0; p < Math.Max(1, problem.PeriodsPerReplication); p++)
            {
                double periodWeight = problem.PeriodWeight(p);
                double loss = 0;
                for (int a = 0; a < shares.Count; a++)
                {
                    if (problem.Arcs[a].BuyerIndex == b)
                    {
                        double outage = 1 - problem.PeriodAvailability(problem.Arcs[a].CandidateIndex, p);
                        loss += shares[a] * outage;
                        beyond -= periodWeight * shares[a] * outage;
                    }
                }

                var (factor, length) = problem.Period(p);
                beyond += periodWeight * Math.Max(0, loss + cover.CoverLossEnvelope(factor, length, lead));
            }

            cost += problem.Buyers[b].DemandPerDay / total * cover.ShortfallCostPerUnit * beyond;
        }

        return cost;
    }

    /// <summary>
    /// CVaR at level alpha of equally likely losses: the minimum over t of the Rockafellar-Uryasev
    /// function, which is convex and piecewise linear with its minimum at one of the losses.
    /// </summary>
    public static double ConditionalValueAtRisk(IReadOnlyList<double> losses, double alpha)
    {
        ArgumentNullException.ThrowIfNull(losses);
        double scale = 1 / ((1 - alpha) * losses.Count);
        double best = double.PositiveInfinity;
        foreach (double t in losses.Distinct())
        {
            double value = t;
            foreach (double loss in losses)
            {
                value += Math.Max(0, loss - t) * scale;
            }

            best = Math.Min(best, value);
        }

        return best;
    }

    /// <summary>
    /// Every constraint the mix violates by more than <paramref name="tolerance"/> (relative to the
    /// limit, or absolute below 1); empty when it meets them all.
    /// </summary>
    public static IReadOnlyList<string> Violations(SourcingProblem problem, SourcingSettings settings, IReadOnlyList<double> shares, IReadOnlyList<int> enrolled, double tolerance = 1e-6)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(shares);
        ArgumentNullException.ThrowIfNull(enrolled);
        var violations = new List<string>();
        bool Exceeds(double value, double limit) => value > limit + tolerance * Math.Max(1, Math.Abs(limit));
        var buyerSum = new double[problem.Buyers.Count];
        var regionShare = new Dictionary<(int Buyer, string Region), double>();
        var units = new double[problem.Candidates.Count];
        for (int a = 0; a < problem.Arcs.Count; a++)
        {
            var arc = problem.Arcs[a];
            double share = shares[a];
            string name = $"{problem.Buyers[arc.BuyerIndex].Id} -> {problem.Candidates[arc.CandidateIndex].SupplierId}";
            if (share < -tolerance)
            {
                violations.Add($"{name}: negative share {share}");
            }

            if (Exceeds(share, settings.MaxSupplierShare))
            {
                violations.Add($"{name}: share {share} above the maximum {settings.MaxSupplierShare}");
            }

            if (share > UsedThreshold && share < problem.MinShare - tolerance)
            {
                violations.Add($"{name}: share {share} below the minimum if used {problem.MinShare}");
            }

            buyerSum[arc.BuyerIndex] += share;
            var key = (arc.BuyerIndex, problem.Candidates[arc.CandidateIndex].RegionId);
            regionShare[key] = regionShare.GetValueOrDefault(key) + share;
            units[arc.CandidateIndex] += problem.Buyers[arc.BuyerIndex].DemandPerDay * share;
        }

        for (int b = 0; b < buyerSum.Length; b++)
        {
            if (Math.Abs(buyerSum[b] - 1) > tolerance)
            {
                violations.Add($"{problem.Buyers[b].Id}: shares sum to {buyerSum[b]}, not 1");
            }
        }

        foreach (var ((buyer, region), share) in regionShare)
        {
            if (Exceeds(share, settings.MaxRegionShare))
            {
                violations.Add($"{problem.Buyers[buyer].Id}: region {region} gets {share}, above the maximum {settings.MaxRegionShare}");
            }
        }

        var capacity = problem.Candidates.Select(c => c.CapacityPerDay).ToArray();
        violations.AddRange(EnrolmentViolations(problem, settings, enrolled, capacity));
        foreach (int c in enrolled.Select(o => problem.ProgrammeOptions[o].CandidateIndex).Where(c => !(units[c] > 0)))
        {
            violations.Add($"{problem.Candidates[c].SupplierId}: enrolled in a programme but given no share");
        }

        double peak = problem.PeakDemandFactor;
        for (int c = 0; c < units.Length; c++)
        {
            if (Exceeds(units[c] * peak, capacity[c] * settings.MaxUtilisation))
            {
                violations.Add($"{problem.Candidates[c].SupplierId}: {units[c] * peak} units/day at peak above {settings.MaxUtilisation} of its capacity {capacity[c]}");
            }

            if (units[c] > UsedThreshold && units[c] < problem.Candidates[c].MinViableUnitsPerDay * (1 - tolerance))
            {
                violations.Add($"{problem.Candidates[c].SupplierId}: {units[c]} units/day below the {problem.Candidates[c].MinViableUnitsPerDay} it needs to stay in business");
            }
        }

        foreach (var upstream in problem.UpstreamCapacities)
        {
            double drawn = upstream.UnitsPerCandidateUnit.Sum(u => u.Units * units[u.Candidate]) * peak;
            if (Exceeds(drawn, upstream.CapacityPerDay * settings.MaxUtilisation))
            {
                violations.Add($"{upstream.SupplierId}: {drawn} units/day at peak above {settings.MaxUtilisation} of its capacity {upstream.CapacityPerDay}");
            }
        }

        if (settings.MaxShareChange < 1 && problem.BaselineShares.Count == shares.Count)
        {
            for (int a = 0; a < shares.Count; a++)
            {
                if (Exceeds(Math.Abs(shares[a] - problem.BaselineShares[a]), settings.MaxShareChange))
                {
                    violations.Add($"{problem.Buyers[problem.Arcs[a].BuyerIndex].Id} -> {problem.Candidates[problem.Arcs[a].CandidateIndex].SupplierId}: share moves {shares[a] - problem.BaselineShares[a]} from today, more than {settings.MaxShareChange}");
                }
            }
        }

        var kpis = Evaluate(problem, shares, enrolled, settings.CvarAlpha);
        foreach (var (kpi, cap) in settings.Caps)
        {
            if (Exceeds(kpis[kpi], cap))
            {
                violations.Add($"{SourcingKpis.Name(kpi)} = {kpis[kpi]} above its cap {cap}");
            }
        }

        return violations;
    }

    /// <summary>Enrolments breaking a programme rule; adds the capacity each enrolment brings to <paramref name="capacity"/>.</summary>
    private static List<string> EnrolmentViolations(SourcingProblem problem, SourcingSettings settings, IReadOnlyList<int> enrolled, double[] capacity)
    {
        var violations = new List<string>();
        var perProgramme = new int[problem.Programmes.Count];
        var programmeOf = new Dictionary<int, int>();
        double cost = 0;
        foreach (int o in enrolled)
        {
            var option = problem.ProgrammeOptions[o];
            string supplier = problem.Candidates[option.CandidateIndex].SupplierId;
            if (!programmeOf.TryAdd(option.CandidateIndex, option.ProgrammeIndex))
            {
                violations.Add($"{supplier}: enrolled in more than one programme");
            }

            perProgramme[option.ProgrammeIndex]++;
            cost += option.CostPerYear;
            capacity[option.CandidateIndex] += option.CapacityAddedPerDay;
        }

        for (int p = 0; p < perProgramme.Length; p++)
        {
            if (perProgramme[p] > problem.Programmes[p].MaxSuppliers)
            {
                violations.Add($"programme {problem.Programmes[p].Id}: {perProgramme[p]} suppliers enrolled, above its maximum {problem.Programmes[p].MaxSuppliers}");
            }
        }

        if (cost > settings.ProgrammeBudgetPerYear * (1 + 1e-9))
        {
            violations.Add($"programmes cost {cost} a year, above the budget {settings.ProgrammeBudgetPerYear}");
        }

        return violations;
    }
}
