using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using PesanAI.Application.Privacy;

namespace PesanAI.Infrastructure.Media;

/// <summary>
/// Finishes the media part of erasures a crash or a store outage interrupted: at start and then every
/// <see cref="Interval"/>, the bytes still listed as to delete are deleted (deleting twice is harmless).
/// </summary>
public sealed partial class MediaErasureSweep(MediaErasures erasures, ILogger<MediaErasureSweep> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval);
        do
        {
            try
            {
                await erasures.RunAsync(null, stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                LogFailed(ex);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The erased-media sweep failed; it runs again later.")]
    private partial void LogFailed(Exception exception);
}
