extern alias client;

using client::PesanAI.Protos.Privacy.V1;
using Grpc.Core;
using PesanAI.FunctionalTests.Media;

namespace PesanAI.FunctionalTests.Privacy;

/// <summary>A deletion is resumable: one a node took and did not finish is finished by the next run.</summary>
/// <remarks>A class (and host) of its own: moving the host's clock makes later fetches wait for the database's clock.</remarks>
public sealed class TenantDeletionResumeTests(TenantDeletionTests.ClockedApp fixture) : IClassFixture<TenantDeletionTests.ClockedApp>
{
    private readonly PesanAiApp _app = fixture.App;

    [Fact]
    public async Task A_deletion_a_node_left_running_is_completed_by_the_next_run()
    {
        var bed = new MediaBed(_app);
        var tenant = await TenantDeletionTests.PopulatedTenantAsync(bed, "Toko Putus");
        var operatorPrivacy = new PrivacyService.PrivacyServiceClient(_app.OperatorChannel());
        await operatorPrivacy.DeleteTenantAsync(new DeleteTenantRequest { TenantId = tenant.TenantId });

        // A node took it when it was due and died before the first row went: running, due, nothing deleted.
        await using (var connection = new Npgsql.NpgsqlConnection(_app.ConnectionString))
        {
            await connection.OpenAsync();
            await using var command = new Npgsql.NpgsqlCommand(
                "update pesanai.tenant_deletions set state = 'running', delete_after = $2 where pending_tenant_id = $1", connection);
            command.Parameters.Add(new Npgsql.NpgsqlParameter { Value = Guid.Parse(tenant.TenantId) });
            command.Parameters.Add(new Npgsql.NpgsqlParameter { Value = fixture.Clock.GetUtcNow().AddMinutes(-1) });
            Assert.Equal(1, await command.ExecuteNonQueryAsync());
        }

        await RpcAssert.WithReason(StatusCode.FailedPrecondition, "TENANT_DELETED", () =>
            operatorPrivacy.CancelTenantDeletionAsync(new CancelTenantDeletionRequest { TenantId = tenant.TenantId }).ResponseAsync);
        await TenantDeletionTests.UntilCompletedAsync(fixture.Clock, new PrivacyService.PrivacyServiceClient(_app.OperatorChannel()), tenant.TenantId);
        Assert.Empty(await DatabaseScan.RowsContainingAsync(_app.ConnectionString, tenant.TenantId));
    }

}
