namespace PesanAI.CloudApiEmulator.Customers;

internal static class CustomerEndpoints
{
    public static void MapCustomerEndpoints(this IEndpointRouteBuilder admin)
    {
        // Fields left out keep their value, so a test can flip one behaviour without resetting the other.
        admin.MapPost("/customers", (CustomerRequest request, CustomerBook customers) =>
        {
            if (string.IsNullOrWhiteSpace(request.WaId))
            {
                return Results.BadRequest(new { error = "wa_id is required" });
            }

            var current = customers.Behaviour(request.WaId);
            return EmulatorJson.Result(customers.Set(current with
            {
                Undeliverable = request.Undeliverable ?? current.Undeliverable,
                MarketingStopped = request.MarketingStopped ?? current.MarketingStopped,
            }));
        });
    }

    private sealed record CustomerRequest(string? WaId, bool? Undeliverable, bool? MarketingStopped);
}
