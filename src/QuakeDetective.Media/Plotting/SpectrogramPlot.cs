using System.Runtime.InteropServices;
using ScottPlot;
using SkiaSharp;

namespace QuakeDetective.Media.Plotting;

/// <summary>
/// A <see cref="SpectrogramGrid"/> drawn as one small bitmap (a pixel per cell, coloured through a 256-entry viridis
/// table) stretched over the cells' extent with nearest-neighbour sampling, so that cells keep sharp edges. Also the
/// colour bar's source of colours and range.
/// </summary>
internal sealed class SpectrogramPlot : IPlottable, IHasColorAxis
{
    private static readonly IColormap Viridis = new ScottPlot.Colormaps.Viridis();

    /// <summary>ARGB of 256 evenly spaced viridis colours, computed once per process.</summary>
    private static readonly uint[] Palette = Enumerable.Range(0, 256).Select(i => Viridis.GetColor(i / 255.0).ARGB).ToArray();

    private readonly SpectrogramGrid _grid;
    private readonly double _low;
    private readonly double _high;

    public SpectrogramPlot(SpectrogramGrid grid, double low, double high)
    {
        _grid = grid;
        _low = low;
        _high = high;
    }

    public bool IsVisible { get; set; } = true;

    public IAxes Axes { get; set; } = new Axes();

    public IEnumerable<LegendItem> LegendItems => [];

    public IColormap Colormap => Viridis;

    public ScottPlot.Range GetRange() => new(_low, _high);

    /// <summary>Left, right, bottom and top edges of the cells in data units (seconds, Hz).</summary>
    public (double Left, double Right, double Bottom, double Top) Extent =>
        (_grid.FirstTimeSeconds - _grid.StepSeconds / 2,
         _grid.FirstTimeSeconds + (_grid.Columns - 0.5) * _grid.StepSeconds,
         -_grid.BinHz / 2,
         _grid.TopHz + _grid.BinHz / 2);

    public AxisLimits GetAxisLimits()
    {
        var (left, right, bottom, top) = Extent;
        return new AxisLimits(left, right, bottom, top);
    }

    public void Render(RenderPack rp)
    {
        if (_grid.Columns == 0 || _grid.Rows == 0)
        {
            return;
        }

        using var bitmap = new SKBitmap(new SKImageInfo(_grid.Columns, _grid.Rows, SKColorType.Bgra8888, SKAlphaType.Opaque));
        Fill(MemoryMarshal.Cast<byte, uint>(bitmap.GetPixelSpan()));
        using var image = SKImage.FromBitmap(bitmap);

        var (left, right, bottom, top) = Extent;
        var dest = new SKRect(Axes.GetPixelX(left), Axes.GetPixelY(top), Axes.GetPixelX(right), Axes.GetPixelY(bottom));
        var data = Axes.DataRect;
        var canvas = rp.Canvas;
        canvas.Save();
        canvas.ClipRect(new SKRect(data.Left, data.Top, data.Right, data.Bottom));
        canvas.DrawImage(image, dest, new SKSamplingOptions(SKFilterMode.Nearest, SKMipmapMode.None));
        canvas.Restore();
    }

    /// <summary>Bgra8888 in memory is 0xAARRGGBB as a little-endian uint: the palette's ARGB values as they are.</summary>
    private void Fill(Span<uint> pixels)
    {
        var decibels = _grid.Decibels;
        var span = _high - _low;
        var perUnit = span > 0 ? 255 / span : 0;
        for (var i = 0; i < decibels.Length; i++)
        {
            var index = (int)((decibels[i] - _low) * perUnit + 0.5);
            pixels[i] = Palette[Math.Clamp(index, 0, 255)];
        }
    }
}
