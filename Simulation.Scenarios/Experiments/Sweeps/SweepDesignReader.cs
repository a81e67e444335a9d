using System.Globalization;
using System.Text;
using Simulation.Core.Network;
using Simulation.Scenarios.Loading;
using Simulation.Scenarios.Reading;

namespace Simulation.Scenarios.Experiments.Sweeps;

/// <summary>
/// Reads a sweep design file (docs/experiments.md) and reports every problem at once with file, line,
/// column and field, as the scenario loader does.
/// </summary>
public static class SweepDesignReader
{
    /// <summary>The most points a grid may have.</summary>
    public const int MaxPoints = 1_000_000;

    private static readonly string[] TopKeys = ["name", "scenario", "set", "design", "parameters", "samples", "replications", "kpis", "seed", "bootstrap"];
    private static readonly string[] ParameterKeys = ["path", "name", "values", "range", "steps", "integer"];
    private static readonly string[] DesignChoices = ["grid", "latin_hypercube", "sobol"];
    private static readonly string[] ReservedColumns = ["point", "replication", "seed"];

    /// <summary>Reads and validates a design file.</summary>
    /// <param name="path">The design file.</param>
    /// <returns>The design, or every error found.</returns>
    public static (SweepDesign? Design, IReadOnlyList<ScenarioError> Errors) Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var errors = new Diagnostics();
        var file = new SourceFiles().Register(path, Path.GetDirectoryName(Path.GetFullPath(path)) ?? ".");
        if (InputText.TryRead(path, out string reason) is not { } text)
        {
            errors.CannotRead(file, reason);
            return (null, errors.Sorted());
        }

        if (YamlTreeParser.Parse(text, file, errors) is not { } root)
        {
            return (null, errors.Sorted());
        }

        if (root is not SMap map)
        {
            errors.NotAMapping(root, "a mapping of design keys (scenario, design, parameters, ...)");
            return (null, errors.Sorted());
        }

        var design = new Reader(map, file, errors).Read(path);
        return errors.Count == 0 ? (design, []) : (null, errors.Sorted());
    }

    /// <summary>The default column name of a path: its letters and digits, other runs of characters as one '_'.</summary>
    internal static string ColumnName(string path)
    {
        var name = new StringBuilder(path.Length);
        foreach (char c in path)
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                name.Append(c);
            }
            else if (name.Length > 0 && name[^1] != '_')
            {
                name.Append('_');
            }
        }

        return name.ToString().TrimEnd('_');
    }

    private sealed class Reader(SMap map, SourceFile file, Diagnostics errors)
    {
        public SweepDesign? Read(string path)
        {
            CheckKeys(map, "", TopKeys);
            string name = Text(map, "name") ?? Path.GetFileNameWithoutExtension(path);
            string? scenario = Text(map, "scenario", required: true);
            string scenarioPath = scenario is null ? "" : Path.GetFullPath(Path.Combine(file.Directory, scenario));
            if (scenario is not null && !File.Exists(scenarioPath))
            {
                errors.Inconsistent(map.Get("scenario")!, "scenario", $"the scenario file '{scenario}' does not exist (paths are relative to the design file)");
            }

            var overrides = TextList(map, "set") ?? [];
            DesignKind kind = Kind();
            var parameters = Parameters(kind);
            int samples = Integer(map, "samples", kind == DesignKind.Grid ? 0 : -1, 2, 1_000_000);
            if (kind == DesignKind.Grid && map.Get("samples") is { } unused)
            {
                errors.Inconsistent(unused, "samples", "a grid has no 'samples': its size is the product of the parameters' value counts");
            }

            int replications = Integer(map, "replications", 1, 1, ScenarioRun.MaxReplications);
            ulong seed = (ulong)Integer(map, "seed", 1, 0, int.MaxValue);
            int bootstrap = Integer(map, "bootstrap", 1000, 10, 100_000);
            var kpis = Kpis();
            if (kind == DesignKind.Grid && parameters.Count > 0 && parameters.All(p => p is not null))
            {
                double points = parameters.Aggregate(1.0, (product, p) => product * (p!.IsRange ? p.Steps : p.Values.Count));
                if (points > MaxPoints)
                {
                    errors.Inconsistent(map.Get("parameters")!, "parameters", string.Create(CultureInfo.InvariantCulture, $"the grid has {points:N0} points; the cap is {MaxPoints:N0} (use latin_hypercube for large spaces)"));
                }
            }

            if (kind == DesignKind.Sobol && parameters.Count > SobolLimit)
            {
                errors.Inconsistent(map.Get("parameters")!, "parameters", $"a Sobol design takes at most {SobolLimit} parameters, got {parameters.Count}");
            }

            if (errors.Count > 0 || scenario is null)
            {
                return null;
            }

            return new SweepDesign(name, Path.GetFullPath(path), scenarioPath, overrides, kind, [.. parameters.Select(p => p!)], samples, replications, kpis, seed, bootstrap);
        }

        private static int SobolLimit => Core.Statistics.Sensitivity.SobolSequence.MaxDimensions / 2;

        private DesignKind Kind()
        {
            string? value = Text(map, "design", required: true);
            switch (value)
            {
                case null:
                    return DesignKind.Grid;
                case "grid":
                    return DesignKind.Grid;
                case "latin_hypercube":
                    return DesignKind.LatinHypercube;
                case "sobol":
                    return DesignKind.Sobol;
                default:
                    errors.UnknownChoice(map.Get("design")!, "design", value, DesignChoices);
                    return DesignKind.Grid;
            }
        }

        private List<SweepParameter?> Parameters(DesignKind kind)
        {
            var result = new List<SweepParameter?>();
            var node = map.Get("parameters");
            if (node is null)
            {
                errors.MissingKey(map, "parameters", "parameters", Container(""));
                return result;
            }

            if (node is not SSeq { Items.Count: > 0 } list)
            {
                errors.WrongType(node, "parameters", "a non-empty list of parameters, each with a path and values or a range");
                return result;
            }

            var names = new Dictionary<string, SNode>(StringComparer.Ordinal);
            for (int i = 0; i < list.Items.Count; i++)
            {
                string field = string.Create(CultureInfo.InvariantCulture, $"parameters[{i}]");
                if (list.Items[i] is not SMap item)
                {
                    errors.WrongType(list.Items[i], field, "a mapping with path and values or range");
                    result.Add(null);
                    continue;
                }

                var parameter = Parameter(item, field, kind);
                result.Add(parameter);
                if (parameter is null)
                {
                    continue;
                }

                var at = item.Get("name") ?? item.Get("path")!;
                if (ReservedColumns.Contains(parameter.Name) || KpiCatalog.All.Any(k => k.Name == parameter.Name))
                {
                    errors.Inconsistent(at, field + ".name", $"'{parameter.Name}' is already a column of the dataset (point, replication, seed or a KPI); give the parameter another name");
                }
                else if (!names.TryAdd(parameter.Name, at))
                {
                    errors.Inconsistent(at, field + ".name", $"two parameters have the column name '{parameter.Name}'; give one a 'name'");
                }
            }

            return result;
        }

        private SweepParameter? Parameter(SMap item, string field, DesignKind kind)
        {
            CheckKeys(item, field, ParameterKeys);
            string? path = Text(item, "path", required: true, field);
            string name = Text(item, "name", field: field) ?? (path is null ? "" : ColumnName(path));
            bool integer = Boolean(item, "integer", field);
            var valuesNode = item.Get("values");
            var rangeNode = item.Get("range");
            if ((valuesNode is null) == (rangeNode is null))
            {
                errors.OneOf(item, field, "values", "range", both: valuesNode is not null);
                return null;
            }

            if (valuesNode is not null)
            {
                return Listed(item, field, path, name, valuesNode, kind);
            }

            if (rangeNode is not SSeq { Items.Count: 2 } range ||
                range.Items[0] is not SScalar low || !YamlNumbers.TryParse(low.Value, out double min) ||
                range.Items[1] is not SScalar high || !YamlNumbers.TryParse(high.Value, out double max) ||
                !double.IsFinite(min) || !double.IsFinite(max))
            {
                errors.WrongType(rangeNode!, field + ".range", "[min, max]: two finite numbers");
                return null;
            }

            if (!(min < max))
            {
                errors.Inconsistent(rangeNode, field + ".range", "the range's min must be below its max");
            }

            int steps = 0;
            if (kind == DesignKind.Grid)
            {
                steps = Integer(item, "steps", -1, 2, MaxPoints, field);
            }
            else if (item.Get("steps") is { } stepsNode)
            {
                errors.Inconsistent(stepsNode, field + ".steps", "'steps' applies to grid designs only");
            }

            return path is null ? null : new SweepParameter(name, path, integer ? ParameterType.Whole : ParameterType.Real, [], min, max, steps);
        }

        private SweepParameter? Listed(SMap item, string field, string? path, string name, SNode valuesNode, DesignKind kind)
        {
            if (kind != DesignKind.Grid)
            {
                errors.Inconsistent(valuesNode, field + ".values", "latin_hypercube and sobol designs sample a 'range: [min, max]'; listed values need design: grid");
                return null;
            }

            if (valuesNode is not SSeq { Items.Count: > 0 } list || list.Items.Any(v => v is not SScalar))
            {
                errors.WrongType(valuesNode, field + ".values", "a non-empty list of numbers or names");
                return null;
            }

            var values = list.Items.Cast<SScalar>().ToList();
            int numeric = 0;
            bool whole = true;
            foreach (var value in values)
            {
                if (value.IsPlain && YamlNumbers.TryParse(value.Value, out double x) && double.IsFinite(x))
                {
                    numeric++;
                    // 30 is an integer; 30.0 and 3e1 were written as reals and stay reals.
                    whole &= long.TryParse(value.Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _);
                }
            }

            ParameterType type = numeric == values.Count ? (whole ? ParameterType.Whole : ParameterType.Real) : ParameterType.Text;
            if (type == ParameterType.Text && numeric > 0)
            {
                errors.Inconsistent(valuesNode, field + ".values", "mix of numbers and names: a parameter's values are all numbers or all names");
                return null;
            }

            var distinct = new HashSet<string>(StringComparer.Ordinal);
            foreach (var value in values.Where(v => !distinct.Add(v.Value)))
            {
                errors.Inconsistent(value, field + ".values", $"'{value.Value}' is listed twice");
            }

            return path is null ? null : new SweepParameter(name, path, type, [.. values.Select(v => v.Value)], double.NaN, double.NaN, 0);
        }

        private List<Kpi> Kpis()
        {
            var node = map.Get("kpis");
            if (node is null)
            {
                return [.. KpiCatalog.All];
            }

            if (node is not SSeq { Items.Count: > 0 } list)
            {
                errors.WrongType(node, "kpis", "a non-empty list of KPI names");
                return [];
            }

            var kpis = new List<Kpi>();
            var names = KpiCatalog.All.Select(k => k.Name).ToList();
            foreach (var item in list.Items)
            {
                if (item is not SScalar scalar)
                {
                    errors.WrongType(item, "kpis", "a KPI name");
                }
                else if (KpiCatalog.All.FirstOrDefault(k => k.Name == scalar.Value) is { } kpi)
                {
                    if (!kpis.Contains(kpi))
                    {
                        kpis.Add(kpi);
                    }
                }
                else
                {
                    errors.UnknownChoice(scalar, "kpis", scalar.Value, names);
                }
            }

            // Keep catalogue order so the dataset's columns do not depend on how the list was written.
            return [.. kpis.OrderBy(k => names.IndexOf(k.Name))];
        }

        private static string Container(string field) => field.Length == 0 ? "the sweep design" : field;

        private void CheckKeys(SMap at, string field, string[] valid)
        {
            foreach (var entry in at.Entries.Where(e => !valid.Contains(e.Key.Value)))
            {
                errors.UnknownKey(entry.Key, FieldPath.Child(field, entry.Key.Value), entry.Key.Value, Container(field), valid);
            }
        }

        private string? Text(SMap at, string key, bool required = false, string field = "")
        {
            var node = at.Get(key);
            if (node is null)
            {
                if (required)
                {
                    errors.MissingKey(at, FieldPath.Child(field, key), key, Container(field));
                }

                return null;
            }

            if (node is SScalar { IsNull: false } scalar)
            {
                return scalar.Value;
            }

            errors.WrongType(node, FieldPath.Child(field, key), "text");
            return null;
        }

        private List<string>? TextList(SMap at, string key)
        {
            var node = at.Get(key);
            if (node is null)
            {
                return null;
            }

            if (node is SSeq list && list.Items.All(i => i is SScalar))
            {
                return [.. list.Items.Cast<SScalar>().Select(s => s.Value)];
            }

            errors.WrongType(node, key, "a list of path=value overrides");
            return null;
        }

        private bool Boolean(SMap at, string key, string field)
        {
            var node = at.Get(key);
            if (node is null)
            {
                return false;
            }

            if (node is SScalar { Value: "true" or "false" } scalar)
            {
                return scalar.Value == "true";
            }

            errors.WrongType(node, FieldPath.Child(field, key), "true or false");
            return false;
        }

        /// <summary>A whole number in [min, max]; <paramref name="fallback"/> -1 means required.</summary>
        private int Integer(SMap at, string key, int fallback, int min, int max, string field = "")
        {
            var node = at.Get(key);
            string path = FieldPath.Child(field, key);
            if (node is null)
            {
                if (fallback < 0)
                {
                    errors.MissingKey(at, path, key, Container(field));
                }

                return Math.Max(fallback, min);
            }

            if (node is not SScalar scalar || !YamlNumbers.TryParse(scalar.Value, out double value))
            {
                errors.WrongType(node, path, "a whole number");
                return min;
            }

            if (value != Math.Floor(value))
            {
                errors.NotInteger(node, path, value);
                return min;
            }

            if (value < min || value > max)
            {
                errors.OutOfRange(node, path, string.Create(CultureInfo.InvariantCulture, $"between {min:N0} and {max:N0}"), value);
                return min;
            }

            return (int)value;
        }
    }
}
