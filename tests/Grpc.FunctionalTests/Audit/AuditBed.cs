extern alias client;

using client::PesanAI.Client;
using client::PesanAI.Protos.Audit.V1;
using client::PesanAI.Protos.Tenants.V1;
using Grpc.Core;
using PesanAI.FunctionalTests.Team;

namespace PesanAI.FunctionalTests.Audit;

/// <summary>A tenant with an owner and an auditor, each calling with a member credential of their own.</summary>
internal sealed record AuditedTenant(Tenant Tenant, Caller Owner, Caller Auditor)
{
    public string Id => Tenant.Id;

    public AuditService.AuditServiceClient AuditorAudit => new(Auditor.Channel);
}

/// <summary>Sets tenants up through the operator (members, member credentials) and reads the audit back.</summary>
internal sealed class AuditBed(PesanAiApp app)
{
    public const string EventStreamResource = "event_stream";
    public const string ListMembersOperation = "pesanai.tenants.v1.TenantService/ListMembers";

    public TeamBuilder Team { get; } = new(app);

    public async Task<AuditedTenant> TenantAsync(string name)
    {
        var tenant = await Team.Tenant(name);
        var owner = await Team.MemberCaller(tenant.Id, MemberRole.Owner);
        var auditor = await Team.MemberCaller(tenant.Id, MemberRole.Auditor);
        return new AuditedTenant(tenant, owner, auditor);
    }

    /// <summary>The caller's credential, calling another node (its tokens come from this app's token endpoint).</summary>
    public AuditService.AuditServiceClient AuditOn(Uri grpcAddress, Caller caller) => new(PesanAiChannel.Create(
        new PesanAiClientOptions
        {
            GrpcAddress = grpcAddress,
            TokenEndpointBase = app.HttpAddress,
            ClientId = caller.ClientId,
            ClientSecret = caller.Secret,
        },
        new HttpClient()));

    /// <summary>Reads a whole replay (the server ends the stream once caught up).</summary>
    public static async Task<List<AuditEvent>> ReplayAsync(AuditService.AuditServiceClient audit, ReplayEventsRequest? request = null, DateTime? deadline = null)
    {
        using var call = audit.ReplayEvents(request ?? new ReplayEventsRequest(), deadline: deadline);
        var events = new List<AuditEvent>();
        await foreach (var recorded in call.ResponseStream.ReadAllAsync())
        {
            events.Add(recorded);
        }

        return events;
    }

    /// <summary>Every page of the access list, following next_page_token.</summary>
    public static async Task<List<List<DataAccess>>> AllPagesAsync(AuditService.AuditServiceClient audit, ListDataAccessRequest request)
    {
        var pages = new List<List<DataAccess>>();
        while (true)
        {
            var page = await audit.ListDataAccessAsync(request);
            pages.Add([.. page.DataAccesses]);
            if (page.NextPageToken.Length == 0)
            {
                return pages;
            }

            request = request.Clone();
            request.PageToken = page.NextPageToken;
        }
    }
}
