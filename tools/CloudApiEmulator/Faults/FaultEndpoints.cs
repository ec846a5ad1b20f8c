namespace PesanAI.CloudApiEmulator.Faults;

internal static class FaultEndpoints
{
    public static void MapFaultEndpoints(this IEndpointRouteBuilder admin)
    {
        admin.MapGet("/faults", (FaultInjector faults) => EmulatorJson.Result(faults.Current));
        admin.MapPut("/faults", (FaultOptions request, FaultInjector faults) =>
        {
            var ratios = new[] { request.Error5xxRatio, request.DropConnectionRatio, request.TimeoutAfterAcceptRatio };
            var mediaRatios = new[]
            {
                request.MediaError5xxRatio, request.MediaWrongSha256Ratio, request.MediaTruncateRatio, request.MediaOversizeRatio,
            };
            if (ratios.Concat(mediaRatios).Any(r => r is < 0 or > 1) || ratios.Sum() > 1 || mediaRatios.Sum() > 1
                || request.LatencyMs < 0 || request.HangMs < 0 || request.MediaLatencyMs < 0)
            {
                return Results.BadRequest(new
                {
                    error = "ratios are 0..1; the send ratios add up to at most 1, and so do the media ratios; latency_ms, hang_ms and media_latency_ms are not negative",
                });
            }

            faults.Replace(request);
            return EmulatorJson.Result(faults.Current);
        });
    }
}
