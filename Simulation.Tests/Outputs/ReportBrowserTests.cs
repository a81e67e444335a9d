using System.Diagnostics;
using System.Text.RegularExpressions;
using Simulation.Tests.Examples;

namespace Simulation.Tests.Outputs;

/// <summary>
/// Opens report.html in headless Chromium from disk (no server, network off) and checks that every
/// chart is drawn and no script error occurs. Chromium comes from Debian's package, installed
/// by scripts/install-chromium.sh when missing; if it still cannot be found the test fails and says so.
/// </summary>
[Collection(SharedOutputRun.Name)]
public sealed partial class ReportBrowserTests(OutputRunFixture run)
{
    /// <summary>Appended to a copy of the report: records, after load, how many images decoded.</summary>
    private const string Probe = """
        <script>
        window.addEventListener('error', e => document.documentElement.setAttribute('data-error', String(e.message)));
        window.addEventListener('load', () => {
          const charts = Array.from(document.querySelectorAll('figure svg'));
          const drawn = charts.filter(c => c.getBoundingClientRect().width > 0).length;
          document.body.setAttribute('data-probe', drawn + '/' + charts.length + ' figures=' + document.querySelectorAll('figure').length);
        });
        </script>
        """;

    [Fact]
    public void Report_RendersInHeadlessChromium_WithEveryChartDrawn()
    {
        string chromium = Chromium.Find();
        string work = Path.Combine(Path.GetTempPath(), "sim-tests", "browser-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(work);
        string page = Path.Combine(work, "report.html");
        File.WriteAllText(page, File.ReadAllText(Path.Combine(run.Folder, "report.html")).Replace("</body>", Probe + "</body>", StringComparison.Ordinal));

        string dom = Chromium.DumpDom(chromium, page, Path.Combine(work, "profile"));

        int charts = ReportTests.ChartNames(run.Folder).Length;
        var probe = ProbeResult().Match(dom);
        Assert.True(probe.Success, "the page did not finish loading in Chromium; DOM starts: " + dom[..Math.Min(dom.Length, 300)]);
        Assert.Equal($"{charts}/{charts} figures={charts}", probe.Groups[1].Value);
        Assert.DoesNotContain("data-error=", dom, StringComparison.Ordinal);
    }

    [GeneratedRegex("data-probe=\"([^\"]*)\"")]
    private static partial Regex ProbeResult();

    /// <summary>Finds (or installs) headless Chromium and loads pages from disk with the network off.</summary>
    internal static class Chromium
    {
        private static readonly Lock Gate = new();
        private static readonly string[] Names = ["chromium", "chromium-browser"];

        public static string Find()
        {
            lock (Gate)
            {
                if (Locate() is { } found)
                {
                    return found;
                }

                string script = ReadmeExampleTests.RepoFile("scripts/install-chromium.sh");
                var (code, output) = Run("bash", [script], TimeSpan.FromMinutes(8));
                return Locate() ?? throw new InvalidOperationException(
                    $"Chromium is needed for this test and could not be installed: 'bash scripts/install-chromium.sh' exited with {code}:\n{output}\n" +
                    "Install Debian's 'chromium' package (or set SIM_CHROMIUM to a Chromium binary) and run the tests again.");
            }
        }

        public static string DumpDom(string chromium, string page, string profile, string windowSize = "1280,800")
        {
            string[] args =
            [
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                $"--user-data-dir={profile}", $"--window-size={windowSize}", "--virtual-time-budget=10000", "--dump-dom", new Uri(page).AbsoluteUri,
            ];
            var (code, output) = Run(chromium, args, TimeSpan.FromMinutes(2), stdoutOnly: true);
            Assert.True(code == 0, $"Chromium exited with {code}: {output[..Math.Min(output.Length, 2000)]}");
            return output;
        }

        private static string? Locate()
        {
            string? configured = Environment.GetEnvironmentVariable("SIM_CHROMIUM");
            if (!string.IsNullOrEmpty(configured) && File.Exists(configured))
            {
                return configured;
            }

            return (Environment.GetEnvironmentVariable("PATH") ?? "")
                .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
                .SelectMany(dir => Names.Select(name => Path.Combine(dir, name)))
                .FirstOrDefault(File.Exists);
        }

        private static (int Code, string Output) Run(string file, string[] args, TimeSpan timeout, bool stdoutOnly = false)
        {
            var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (string arg in args)
            {
                start.ArgumentList.Add(arg);
            }

            using var process = Process.Start(start)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(timeout))
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"'{file}' did not finish within {timeout.TotalSeconds:0} s.");
            }

            return (process.ExitCode, stdoutOnly ? stdout.Result : stdout.Result + stderr.Result);
        }
    }
}
