namespace PesanAI.CloudApiEmulator.Numbers;

internal static class NumberEndpoints
{
    public static void MapNumberEndpoints(this IEndpointRouteBuilder admin)
    {
        admin.MapPost("/numbers", (NumberSeed? seed, NumberRegistry numbers) =>
            EmulatorJson.Result(numbers.Add(seed ?? new NumberSeed()), StatusCodes.Status201Created));
        admin.MapGet("/numbers", (NumberRegistry numbers) => EmulatorJson.Result(numbers.All));
    }
}
