namespace PesanAI.CloudApiEmulator.Faults;

internal static class FaultEndpoints
{
    public static void MapFaultEndpoints(this IEndpointRouteBuilder admin)
    {
        admin.MapGet("/faults", (FaultInjector faults) => EmulatorJson.Result(faults.Current));
        admin.MapPut("/faults", (FaultOptions request, FaultInjector faults) =>
        {
            var ratios = new[] { request.Error5xxRatio, request.DropConnectionRatio, request.TimeoutAfterAcceptRatio };
            if (ratios.Any(r => r is < 0 or > 1) || ratios.Sum() > 1 || request.LatencyMs < 0 || request.HangMs < 0)
            {
                return Results.BadRequest(new { error = "ratios are 0..1 and add up to at most 1; latency_ms and hang_ms are not negative" });
            }

            faults.Replace(request);
            return EmulatorJson.Result(faults.Current);
        });
    }
}
