using Simulation.Core.Randomness;
using Simulation.Scenarios.Loading;
using Simulation.Scenarios.Schema;

namespace Simulation.Scenarios.Reading;

/// <summary>
/// Reads <c>{dist: name, param: value, ...}</c> (or a bare number, a constant) into a validated
/// <see cref="Distribution"/>, with the factories' own messages for bad parameters.
/// </summary>
internal static class DistributionReader
{
    private const string DistKey = "dist";

    /// <summary>Reads a distribution; null (after reporting) when it is not one.</summary>
    /// <param name="errors">Where problems go.</param>
    /// <param name="node">The value node.</param>
    /// <param name="path">Its field path.</param>
    /// <param name="field">The key's schema, for its constraints on draws; null for none.</param>
    public static Distribution? Read(Diagnostics errors, SNode node, string path, FieldSchema? field)
    {
        Distribution? distribution = node switch
        {
            SScalar scalar => ReadConstant(errors, scalar, path),
            SMap map => ReadMap(errors, map, path),
            _ => Expected(errors, node, path),
        };

        if (distribution is null || field is null)
        {
            return distribution;
        }

        if (field.NonNegativeDraws && CanDrawNegative(distribution))
        {
            errors.NegativeSupport(node, path, distribution.ToString());
            return null;
        }

        if (field.PositiveMean && !(distribution.Mean > 0))
        {
            errors.NotPositiveMean(node, path, distribution.ToString());
            return null;
        }

        return distribution;
    }

    /// <summary>
    /// Whether draws can be negative. A normal distribution with sd &gt; 0 always can, which is why
    /// lead times and durations take lognormal, gamma or triangular instead.
    /// </summary>
    private static bool CanDrawNegative(Distribution distribution) => distribution switch
    {
        ConstantDistribution c => c.Value < 0,
        UniformDistribution u => u.Min < 0,
        TriangularDistribution t => t.Min < 0,
        NormalDistribution n => n.Mean < 0 || n.StandardDeviation > 0,
        _ => false,
    };

    private static Distribution? Expected(Diagnostics errors, SNode node, string path)
    {
        errors.WrongType(node, path, "a number or a distribution {dist: ...}");
        return null;
    }

    private static Distribution? ReadConstant(Diagnostics errors, SScalar scalar, string path)
    {
        if (!scalar.IsPlain)
        {
            if (YamlNumbers.TryParse(scalar.Value, out _))
            {
                errors.QuotedNumber(scalar, path, scalar.Value);
                return null;
            }

            return Expected(errors, scalar, path);
        }

        if (!YamlNumbers.TryParse(scalar.Value, out double value))
        {
            return Expected(errors, scalar, path);
        }

        return Create(errors, scalar, path, () => Distribution.Constant(value));
    }

    private static Distribution? ReadMap(Diagnostics errors, SMap map, string path)
    {
        SNode? nameNode = map.Get(DistKey);
        if (nameNode is null or SScalar { IsNull: true })
        {
            errors.MissingKey(map, FieldPath.Child(path, DistKey), DistKey, path);
            return null;
        }

        if (nameNode is not SScalar nameScalar)
        {
            errors.WrongType(nameNode, FieldPath.Child(path, DistKey), "a distribution name");
            return null;
        }

        string name = nameScalar.Value;
        int kind = -1;
        for (int i = 0; i < ScenarioFormat.Distributions.Count; i++)
        {
            if (string.Equals(ScenarioFormat.Distributions[i].Name, name, StringComparison.Ordinal))
            {
                kind = i;
            }
        }

        if (kind < 0)
        {
            errors.UnknownChoice(nameScalar, FieldPath.Child(path, DistKey), name, [.. ScenarioFormat.Distributions.Select(d => d.Name)]);
            return null;
        }

        IReadOnlyList<string> parameters = ScenarioFormat.Distributions[kind].Parameters;
        var values = new Dictionary<string, double>(StringComparer.Ordinal);
        bool ok = true;
        foreach (SEntry entry in map.Entries)
        {
            string key = entry.Key.Value;
            if (key == DistKey)
            {
                continue;
            }

            string keyPath = FieldPath.Child(path, key);
            if (!parameters.Contains(key, StringComparer.Ordinal))
            {
                errors.UnknownKey(entry.Key, keyPath, key, path + " (" + name + ")", [DistKey, .. parameters]);
                ok = false;
                continue;
            }

            if (entry.Value is SScalar { IsPlain: true } scalar && YamlNumbers.TryParse(scalar.Value, out double value))
            {
                values[key] = value;
            }
            else if (entry.Value is SScalar { IsPlain: false } quoted && YamlNumbers.TryParse(quoted.Value, out _))
            {
                errors.QuotedNumber(entry.Value, keyPath, quoted.Value);
                ok = false;
            }
            else
            {
                errors.WrongType(entry.Value, keyPath, "a number");
                ok = false;
            }
        }

        if (!ok)
        {
            return null;
        }

        if (name == "lognormal")
        {
            bool logScale = values.ContainsKey("mu") || values.ContainsKey("sigma");
            bool naturalScale = values.ContainsKey("mean") || values.ContainsKey("sd");
            if (logScale && naturalScale)
            {
                errors.Inconsistent(map, path, "lognormal takes either mu and sigma or mean and sd, not both");
                return null;
            }

            return naturalScale
                ? Build(errors, map, path, values, ["mean", "sd"], p => Distribution.LognormalFromMeanAndSd(p[0], p[1]))
                : Build(errors, map, path, values, ["mu", "sigma"], p => Distribution.Lognormal(p[0], p[1]));
        }

        return name switch
        {
            "normal" => Build(errors, map, path, values, ["mean", "sd"], p => Distribution.Normal(p[0], p[1])),
            "triangular" => Build(errors, map, path, values, ["min", "mode", "max"], p => Distribution.Triangular(p[0], p[1], p[2])),
            "uniform" => Build(errors, map, path, values, ["min", "max"], p => Distribution.Uniform(p[0], p[1])),
            "exponential" => Build(errors, map, path, values, ["mean"], p => Distribution.Exponential(p[0])),
            "gamma" => Build(errors, map, path, values, ["shape", "scale"], p => Distribution.Gamma(p[0], p[1])),
            "poisson" => Build(errors, map, path, values, ["mean"], p => Distribution.Poisson(p[0])),
            _ => Build(errors, map, path, values, ["value"], p => Distribution.Constant(p[0])),
        };
    }

    private static Distribution? Build(
        Diagnostics errors, SMap map, string path, Dictionary<string, double> values, string[] names, Func<double[], Distribution> factory)
    {
        var arguments = new double[names.Length];
        bool complete = true;
        for (int i = 0; i < names.Length; i++)
        {
            if (!values.TryGetValue(names[i], out arguments[i]))
            {
                errors.MissingKey(map, FieldPath.Child(path, names[i]), names[i], path);
                complete = false;
            }
        }

        return complete ? Create(errors, map, path, () => factory(arguments)) : null;
    }

    private static Distribution? Create(Diagnostics errors, SNode node, string path, Func<Distribution> factory)
    {
        try
        {
            return factory();
        }
        catch (ArgumentException e)
        {
            // The factories word their messages for scenario files ("normal: sd must be >= 0, got -1").
            errors.BadDistribution(node, path, ScenarioInputException.UserMessage(e));
            return null;
        }
    }
}
