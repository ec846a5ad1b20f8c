extern alias client;

namespace PesanAI.FunctionalTests;

/// <summary>Nodes of one deployment start together (a rollout, a restart after an outage): each must come up.</summary>
public sealed class NodeStartTests(PesanAiApp app) : IClassFixture<PesanAiApp>
{
    [Fact]
    public async Task Nodes_that_start_together_on_one_database_all_start()
    {
        var starts = Enumerable.Range(0, 3).Select(_ => app.StartAnotherNodeAsync(new Dictionary<string, string?>())).ToList();
        try
        {
            await Task.WhenAll(starts);
        }
        catch (Exception) when (starts.Any(s => s.IsFaulted))
        {
            // Asserted below, after the started nodes are stopped.
        }
        finally
        {
            foreach (var start in starts.Where(s => s.IsCompletedSuccessfully))
            {
                var (node, _) = await start;
                await node.StopAsync();
                await node.DisposeAsync();
            }
        }

        Assert.All(starts, s => Assert.True(s.IsCompletedSuccessfully, s.Exception?.InnerException?.Message));
        Assert.NotNull(await app.OperatorTenants().ListTenantsAsync(new client::PesanAI.Protos.Tenants.V1.ListTenantsRequest()));
    }
}
