using Simulation.Scenarios.Experiments.Charts;

namespace Simulation.Tests.Outputs;

/// <summary>
/// The run report picks its font family through fontconfig instead of Skia; both must pick the same
/// one, or charts would name another family than the PNGs of sweeps and comparisons are drawn in.
/// </summary>
public sealed class FontConfigTests
{
    [Theory]
    [InlineData("DejaVu Sans")]
    [InlineData("Liberation Sans")]
    [InlineData("Arial")]
    [InlineData("Helvetica")]
    [InlineData("Noto Sans")]
    [InlineData("No Such Family 4e1c")]
    public void HasFamily_AgreesWithSkia(string family)
    {
        bool skia = SkiaSharp.SKFontManager.Default.MatchFamily(family) is not null;
        bool? fontconfig = FontConfig.HasFamily(family);
        if (fontconfig is bool answer)
        {
            Assert.Equal(skia, answer);
        }
        else
        {
            // No answer only where there is no fontconfig to ask (then Skia decides, as before).
            Assert.False(OperatingSystem.IsLinux() && System.Runtime.InteropServices.NativeLibrary.TryLoad("libfontconfig.so.1", out _));
        }
    }
}
