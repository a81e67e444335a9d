using System.Globalization;
using System.Text.Json;
using Simulation.Tests.Examples;

namespace Simulation.Tests.Cli;

/// <summary>
/// <c>--refine</c> end to end on quickstart with a continuity cap at today's simulated CVaR (10
/// replications, 40 disruption scenarios): the first solve's mix breaks the cap in simulation, the
/// rounds feed that back, and a later round's mix meets it and is the recommendation.
/// </summary>
public sealed class OptimizeRefineTests
{
    private static readonly string Quickstart = ReadmeExampleTests.RepoFile("scenarios/quickstart.yaml");

    private static readonly string[] Check = ["--replications", "10", "--scenarios", "40", "--json"];

    [Fact]
    public async Task ARoundWhoseMixBreaksTheCapInSimulation_IsFollowedByOneThatMeetsIt_AndThatIsTheAnswer()
    {
        // Today's simulated CVaR, from a run without the cap (the same seed, so the same figure).
        var plain = await CliHarness.RunAsync(["optimize", Quickstart, "--objective", "cost", "--out", CliHarness.TempFolder(), .. Check]);
        Assert.True(plain.ExitCode == 0, plain.Error);
        double cap;
        using (var first = JsonDocument.Parse(plain.Out))
        {
            cap = Simulated(first.RootElement.GetProperty("points")[0], "cvar");
        }

        Assert.Equal(0.001663, cap, 6);

        var refine = await CliHarness.RunAsync(["optimize", Quickstart, "--objective", "cost", "--max-cvar", cap.ToString("R", CultureInfo.InvariantCulture),
            "--refine", "3", "--out", CliHarness.TempFolder(), .. Check]);
        Assert.True(refine.ExitCode == 0, refine.Error);
        using var result = JsonDocument.Parse(refine.Out);
        var root = result.RootElement;

        // Judged on the calibrated prediction: today's predicted CVaR is at its simulated one, not 0.046.
        var calibration = root.GetProperty("calibration");
        Assert.Equal(0.0457, calibration.GetProperty("today_predicted_cvar_uncalibrated").GetDouble(), 4);
        Assert.InRange(calibration.GetProperty("today_predicted_cvar").GetDouble(), 0, cap);
        Assert.InRange(calibration.GetProperty("absorption_days").GetDouble(), 5, 30);
        Assert.Contains("Continuity is judged on the prediction calibrated to today's simulated tail", root.GetProperty("verdict").GetString(), StringComparison.Ordinal);

        // Round 1's mix (the first solve) met the cap as predicted and broke it in simulation, by a factor of 5.
        var points = root.GetProperty("points").EnumerateArray().ToList();
        Assert.Equal(3, root.GetProperty("refine_rounds").GetInt32());
        Assert.Equal(cap, points[1].GetProperty("kpis").GetProperty("cvar").GetProperty("predicted").GetDouble(), 4);
        Assert.True(Simulated(points[1], "cvar") > 5 * cap, $"round 1 simulated at {Simulated(points[1], "cvar")}");

        // A later round's mix meets it in simulation, and the recommendation is such a mix, cheaper than today's for sure.
        var chosen = points.Single(p => p.GetProperty("chosen").GetBoolean());
        Assert.NotEqual(1, chosen.GetProperty("point").GetInt32());
        Assert.InRange(Simulated(chosen, "cvar"), 0, cap);
        Assert.True(chosen.GetProperty("kpis").GetProperty("cost").GetProperty("diff_ci95_high").GetDouble() < 0);
        Assert.False(root.GetProperty("no_safe_recommendation").GetBoolean());
    }

    private static double Simulated(JsonElement point, string kpi) => point.GetProperty("kpis").GetProperty(kpi).GetProperty("simulated_mean").GetDouble();
}
