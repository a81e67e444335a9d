using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Simulation.Core.Randomness;
using Simulation.Core.Statistics.Sensitivity;

namespace Simulation.Scenarios.Experiments.Sweeps;

/// <summary>
/// The points of a sweep: every parameter's value at every point, typed for the dataset's columns and
/// as text for the scenario overrides. Computed from the design alone, so every shard and every resumed
/// run sees the same points in the same order.
/// </summary>
internal sealed class SweepPlan
{
    private readonly long[]?[] _whole;
    private readonly double[]?[] _real;
    private readonly string[]?[] _text;

    private SweepPlan(SweepDesign design, int points, long[]?[] whole, double[]?[] real, string[]?[] text)
    {
        Design = design;
        PointCount = points;
        _whole = whole;
        _real = real;
        _text = text;
    }

    public SweepDesign Design { get; }

    public int PointCount { get; }

    /// <summary>Lays out the design's points: grids in row-major order (the last parameter varies fastest),
    /// Latin hypercubes from the design's seed, Sobol designs in Saltelli block order.</summary>
    public static SweepPlan Create(SweepDesign design)
    {
        int d = design.Parameters.Count;
        var whole = new long[]?[d];
        var real = new double[]?[d];
        var text = new string[]?[d];
        if (design.Kind == DesignKind.Grid)
        {
            var levels = design.Parameters.Select(GridLevels).ToArray();
            int points = levels.Aggregate(1, (product, l) => product * l.Length);
            for (int i = 0; i < d; i++)
            {
                Allocate(design.Parameters[i].Type, points, i, whole, real, text);
            }

            for (int point = 0; point < points; point++)
            {
                int rest = point;
                for (int i = d - 1; i >= 0; i--)
                {
                    string level = levels[i][rest % levels[i].Length];
                    rest /= levels[i].Length;
                    Store(design.Parameters[i].Type, level, point, i, whole, real, text);
                }
            }

            return new SweepPlan(design, points, whole, real, text);
        }

        double[][] unit = design.Kind == DesignKind.Sobol
            ? SaltelliDesign.Points(d, design.Samples)
            : LatinHypercube(design.Samples, d, design.Seed);
        for (int i = 0; i < d; i++)
        {
            var parameter = design.Parameters[i];
            Allocate(parameter.Type, unit.Length, i, whole, real, text);
            for (int point = 0; point < unit.Length; point++)
            {
                double u = unit[point][i];
                if (parameter.Type == ParameterType.Whole)
                {
                    // Whole numbers min..max equally likely: the unit interval is cut into max - min + 1 cells.
                    whole[i]![point] = (long)Math.Min(parameter.Max, Math.Floor(Math.Ceiling(parameter.Min) + (u * (Math.Floor(parameter.Max) - Math.Ceiling(parameter.Min) + 1))));
                }
                else
                {
                    real[i]![point] = parameter.Min + (u * (parameter.Max - parameter.Min));
                }
            }
        }

        return new SweepPlan(design, unit.Length, whole, real, text);
    }

    /// <summary>The overrides that make point <paramref name="point"/>: the design's fixed ones, then each parameter's value.</summary>
    public IReadOnlyList<string> Overrides(int point)
    {
        var overrides = new List<string>(Design.Overrides);
        for (int i = 0; i < Design.Parameters.Count; i++)
        {
            overrides.Add(Design.Parameters[i].Path + "=" + ValueText(point, i));
        }

        return overrides;
    }

    /// <summary>Parameter <paramref name="parameter"/>'s value at <paramref name="point"/> as YAML text.</summary>
    public string ValueText(int point, int parameter) =>
        _whole[parameter] is { } w ? w[point].ToString(CultureInfo.InvariantCulture)
        : _real[parameter] is { } r ? r[point].ToString("R", CultureInfo.InvariantCulture)
        : _text[parameter]![point];

    /// <summary>Parameter <paramref name="parameter"/>'s value at <paramref name="point"/> for the dataset.</summary>
    public object Value(int point, int parameter) =>
        _whole[parameter] is { } w ? w[point]
        : _real[parameter] is { } r ? r[point]
        : _text[parameter]![point];

    /// <summary>
    /// Identifies the sweep: the scenario as resolved, the design's settings and every point. Parts and
    /// shard folders carry it, so results of different sweeps are never mixed.
    /// </summary>
    public string Hash(string scenarioHash, IReadOnlyDictionary<string, string> importedTables)
    {
        var text = new StringBuilder();
        foreach (var (path, hash) in importedTables.OrderBy(t => t.Key, StringComparer.Ordinal))
        {
            text.Append(CultureInfo.InvariantCulture, $"table {hash} {path}\n");
        }

        text.Append(CultureInfo.InvariantCulture, $"scenario {scenarioHash}\nkind {Design.Kind}\nreplications {Design.Replications}\nseed {Design.Seed}\nbootstrap {Design.BootstrapResamples}\nsamples {Design.Samples}\n");
        text.Append("kpis ").AppendJoin(',', Design.Kpis.Select(k => k.Name)).Append('\n');
        foreach (var p in Design.Parameters)
        {
            text.Append(CultureInfo.InvariantCulture, $"parameter {p.Name} {p.Path} {p.Type}\n");
        }

        for (int point = 0; point < PointCount; point++)
        {
            text.AppendJoin('\t', Enumerable.Range(0, Design.Parameters.Count).Select(i => ValueText(point, i))).Append('\n');
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    private static string[] GridLevels(SweepParameter parameter)
    {
        if (!parameter.IsRange)
        {
            return [.. parameter.Values];
        }

        var levels = new List<string>();
        for (int k = 0; k < parameter.Steps; k++)
        {
            double x = k == parameter.Steps - 1 ? parameter.Max : parameter.Min + ((parameter.Max - parameter.Min) * k / (parameter.Steps - 1));
            string level = parameter.Type == ParameterType.Whole
                ? Math.Round(x, MidpointRounding.AwayFromZero).ToString(CultureInfo.InvariantCulture)
                : x.ToString("R", CultureInfo.InvariantCulture);
            if (!levels.Contains(level))
            {
                levels.Add(level);
            }
        }

        return [.. levels];
    }

    /// <summary>n points in [0, 1)^d: each coordinate has one point in each of its n strata, in an order shuffled per dimension.</summary>
    private static double[][] LatinHypercube(int n, int d, ulong seed)
    {
        var points = new double[n][];
        for (int j = 0; j < n; j++)
        {
            points[j] = new double[d];
        }

        for (int i = 0; i < d; i++)
        {
            var stream = new RandomStream(SeedSequence.StreamSeed(seed, "latin-hypercube", i.ToString(CultureInfo.InvariantCulture)));
            int[] strata = Enumerable.Range(0, n).ToArray();
            for (int k = n - 1; k > 0; k--)
            {
                int swap = stream.Next(k + 1);
                (strata[k], strata[swap]) = (strata[swap], strata[k]);
            }

            for (int j = 0; j < n; j++)
            {
                points[j][i] = (strata[j] + stream.NextDouble()) / n;
            }
        }

        return points;
    }

    private static void Allocate(ParameterType type, int points, int i, long[]?[] whole, double[]?[] real, string[]?[] text)
    {
        switch (type)
        {
            case ParameterType.Whole:
                whole[i] = new long[points];
                break;
            case ParameterType.Real:
                real[i] = new double[points];
                break;
            default:
                text[i] = new string[points];
                break;
        }
    }

    private static void Store(ParameterType type, string level, int point, int i, long[]?[] whole, double[]?[] real, string[]?[] text)
    {
        switch (type)
        {
            case ParameterType.Whole:
                whole[i]![point] = long.Parse(level, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
                break;
            case ParameterType.Real:
                real[i]![point] = double.Parse(level, NumberStyles.Float, CultureInfo.InvariantCulture);
                break;
            default:
                text[i]![point] = level;
                break;
        }
    }
}
