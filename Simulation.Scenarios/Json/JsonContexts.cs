using System.Text.Json;
using System.Text.Json.Serialization;
using Simulation.Scenarios.Experiments;
using Simulation.Scenarios.Experiments.Sweeps;
using Simulation.Scenarios.Output;
using Simulation.Scenarios.Reporting;

namespace Simulation.Scenarios.Json;

/// <summary>
/// An enum written as its snake_case name (<c>at_least</c>), read back from it. A type of its own
/// because source-generated contexts name converters by type, and a converter named that way needs a
/// parameterless constructor.
/// </summary>
/// <typeparam name="TEnum">The enum.</typeparam>
internal sealed class SnakeCaseEnumConverter<TEnum>() : JsonStringEnumConverter<TEnum>(JsonNamingPolicy.SnakeCaseLower)
    where TEnum : struct, Enum;

/// <summary>
/// Compile-time JSON metadata for the files of a run or an experiment folder (<c>manifest.json</c>,
/// <c>presentation.json</c>, shard records): no reflection at run time, so the natively compiled
/// <c>sim</c> writes them, and the JIT build skips building serializers on first use. The options are
/// those the files were always written with; their bytes are unchanged.
/// </summary>
[JsonSourceGenerationOptions(
    WriteIndented = true,
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    Converters = [typeof(SnakeCaseEnumConverter<TargetDirection>)])]
[JsonSerializable(typeof(Manifest))]
[JsonSerializable(typeof(ExperimentManifest))]
[JsonSerializable(typeof(ShardRecord))]
[JsonSerializable(typeof(RunPresentation))]
internal sealed partial class RunFilesJson : JsonSerializerContext;

/// <summary>Compile-time JSON metadata for <c>sweep.json</c>: nulls written, enums by snake_case name.</summary>
[JsonSourceGenerationOptions(
    WriteIndented = true,
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    Converters = [typeof(SnakeCaseEnumConverter<DesignKind>), typeof(SnakeCaseEnumConverter<ParameterType>)])]
[JsonSerializable(typeof(SweepState))]
internal sealed partial class SweepStateJson : JsonSerializerContext;
