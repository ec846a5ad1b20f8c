using System.Globalization;

namespace PesanAI.Bench;

/// <summary>
/// The inbound part of --mode media: warm-up windows until the stored/s is steady (excluded), the measured files, then
/// the fetch + insert floor over the same files (its own warm-up over the warm-up's files first).
/// </summary>
internal sealed class MediaInboundRun(MediaOptions options, Emulator emulator, Partner partner, string admin, int serverPid)
{
    private const double Climb = 1.03;
    private readonly IReadOnlyList<string> _customers = Partner.WaIds(options.Customers);
    private int _staged;

    public async Task<(MediaPhase Pipeline, MediaPhase? Baseline)> RunAsync()
    {
        var warmedWith = await WarmUpAsync();
        var files = await StageAsync(options.Files);
        await WarmUp.QuietAsync();
        var pipeline = await MediaInbound.RunAsync("pipeline", emulator, partner.Number.PhoneNumberId, files, options.Concurrency, admin, serverPid);
        Out.Line($"measured:   {pipeline}");
        Out.Line($"server:     {pipeline.Server}");
        if (!options.Baseline)
        {
            return (pipeline, null);
        }

        await using var floor = await MediaBaseline.CreateAsync(admin, emulator.Address, partner.Number.AccessToken, options.Concurrency);
        if (warmedWith.Length > 0)
        {
            Out.Line($"warm-up:    {await floor.RunAsync("baseline warm-up", warmedWith, options.Concurrency)}");
        }

        await WarmUp.QuietAsync();
        var baseline = await floor.RunAsync("baseline: fetch + plain INSERT", files, options.Concurrency);
        Out.Line($"measured:   {baseline}");
        return (pipeline, baseline);
    }

    /// <summary>Windows until two in a row are not <see cref="Climb"/> above the best before them, within the minimum and maximum.</summary>
    private async Task<MediaFile[]> WarmUpAsync()
    {
        var sent = new List<MediaFile>();
        var (best, flat, window) = (0.0, 0, 1);
        while (sent.Count < options.WarmupMax && (sent.Count < options.Warmup || flat < 2))
        {
            var files = await StageAsync(Math.Min(options.WarmupWindow, options.WarmupMax - sent.Count));
            var phase = await MediaInbound.RunAsync($"warm-up window {window++}", emulator, partner.Number.PhoneNumberId, files, options.Concurrency, admin, serverPid);
            Out.Line($"warm-up:    {phase}");
            sent.AddRange(files);
            flat = phase.PerSecond > best * Climb ? 0 : flat + 1;
            best = Math.Max(best, phase.PerSecond);
        }

        Out.Line(string.Create(CultureInfo.InvariantCulture,
            $"warm-up:    {sent.Count:N0} images, {(flat >= 2 ? "steady" : "NOT steady (stopped at the cap)")}; best window {best:0.0} stored/s"));
        return [.. sent];
    }

    private async Task<MediaFile[]> StageAsync(int count)
    {
        var files = await MediaFiles.StageAsync(emulator, partner.Number.PhoneNumberId, _customers, _staged, count, options.FileBytes);
        _staged += count;
        return files;
    }
}
