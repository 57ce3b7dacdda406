using ScottPlot;
using SkiaSharp;

namespace QuakeDetective.Media.Plotting;

/// <summary>
/// A trace drawn as one filled bar per pixel column from its minimum to its maximum (<see cref="MinMaxEnvelope"/>):
/// what a line through all samples would cover, at a cost that depends on the width in pixels, not on the number
/// of samples or on how dense the wiggles are. Sparse traces (fewer than two samples per column) are drawn as a line.
/// </summary>
internal sealed class EnvelopePlot : IPlottable
{
    private readonly double[] _samples;
    private readonly double _sampleRate;
    private readonly double _offsetSeconds;
    private readonly SKColor _color;
    private readonly float _lineWidth;

    public EnvelopePlot(double[] samples, double sampleRate, double offsetSeconds, ScottPlot.Color color, float lineWidth)
    {
        _samples = samples;
        _sampleRate = sampleRate;
        _offsetSeconds = offsetSeconds;
        _color = new SKColor(color.ARGB);
        _lineWidth = lineWidth;
    }

    public bool IsVisible { get; set; } = true;

    public IAxes Axes { get; set; } = new Axes();

    public IEnumerable<LegendItem> LegendItems => [];

    public AxisLimits GetAxisLimits()
    {
        if (_samples.Length == 0)
        {
            return AxisLimits.NoLimits;
        }

        var end = _offsetSeconds + (_samples.Length - 1) / _sampleRate;
        return new AxisLimits(_offsetSeconds, end, _samples.Min(), _samples.Max());
    }

    public void Render(RenderPack rp)
    {
        if (_samples.Length == 0)
        {
            return;
        }

        var canvas = rp.Canvas;
        var data = Axes.DataRect;
        var firstPixel = Axes.GetPixelX(_offsetSeconds);
        var pixelsPerSample = _samples.Length > 1
            ? (Axes.GetPixelX(_offsetSeconds + (_samples.Length - 1) / _sampleRate) - firstPixel) / (_samples.Length - 1)
            : 1.0;

        canvas.Save();
        canvas.ClipRect(new SKRect(data.Left, data.Top, data.Right, data.Bottom));
        if (pixelsPerSample > 0.5)
        {
            DrawLine(canvas, firstPixel, pixelsPerSample);
        }
        else
        {
            DrawColumns(canvas, data, firstPixel, pixelsPerSample);
        }

        canvas.Restore();
    }

    private void DrawColumns(SKCanvas canvas, PixelRect data, double firstPixel, double pixelsPerSample)
    {
        // One bar per device pixel column: a high-density picture (canvas scaled by 2) gets twice the detail, not
        // twice as wide bars. Layout pixel = device pixel / scale.
        var scale = canvas.TotalMatrix.ScaleX is var sx && sx > 0 ? sx : 1f;
        var (firstColumn, min, max) = MinMaxEnvelope.Columns(_samples, firstPixel * scale, pixelsPerSample * scale);
        using var paint = new SKPaint { Color = _color, IsAntialias = false, Style = SKPaintStyle.Fill };
        using var path = new SKPath();
        var half = _lineWidth / 2;
        for (var c = 0; c < min.Length; c++)
        {
            var x = (float)(firstColumn + c) / scale;
            var next = (float)(firstColumn + c + 1) / scale;
            if (next < data.Left || x > data.Right)
            {
                continue;
            }

            var top = Axes.GetPixelY(max[c]) - half;
            var bottom = Axes.GetPixelY(min[c]) + half;
            if (bottom < data.Top || top > data.Bottom)
            {
                continue;
            }

            // Whole device pixels keep the bars crisp and the output identical from run to run.
            var y0 = MathF.Floor(Math.Max(top, data.Top - 1) * scale) / scale;
            var y1 = MathF.Ceiling(Math.Min(bottom, data.Bottom + 1) * scale) / scale;
            path.AddRect(new SKRect(x, y0, next, y1));
        }

        canvas.DrawPath(path, paint);
    }

    private void DrawLine(SKCanvas canvas, double firstPixel, double pixelsPerSample)
    {
        using var paint = new SKPaint
        {
            Color = _color,
            IsAntialias = true,
            Style = SKPaintStyle.Stroke,
            StrokeWidth = _lineWidth,
            StrokeJoin = SKStrokeJoin.Round,
        };
        using var path = new SKPath();
        for (var i = 0; i < _samples.Length; i++)
        {
            var point = new SKPoint((float)(firstPixel + i * pixelsPerSample), Axes.GetPixelY(_samples[i]));
            if (i == 0)
            {
                path.MoveTo(point);
            }
            else
            {
                path.LineTo(point);
            }
        }

        if (_samples.Length == 1)
        {
            canvas.DrawPoint(path.Points[0], paint);
        }
        else
        {
            canvas.DrawPath(path, paint);
        }
    }
}
