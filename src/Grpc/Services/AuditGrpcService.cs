using global::Grpc.Core;
using MapsterMapper;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.Timeouts;
using PesanAI.Host.Auth;
using PesanAI.Host.Hosting;
using PesanAI.Protos.Audit.V1;

namespace PesanAI.Host.Services;

/// <summary>pesanai.audit.v1.AuditService: the tenant's audit, for its owners and auditors (scope audit.read).</summary>
public sealed class AuditGrpcService(ISender sender, IMapper mapper) : AuditService.AuditServiceBase
{
    /// <summary>
    /// Longer than the unary default, still bounded; the stream also ends at the client's deadline or
    /// cancellation, and a client resumes from the last position it received.
    /// </summary>
    [Authorize(Policy = Policies.AuditRead)]
    [RequestTimeout(PesanAiHost.ReplayTimeoutPolicy)]
    public override async Task ReplayEvents(ReplayEventsRequest request, IServerStreamWriter<AuditEvent> responseStream, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(responseStream);
        var replay = await sender.Send(mapper.Map<Application.Audit.ReplayEvents>(request), context.CancellationToken);
        await foreach (var recorded in replay.Events.WithCancellation(context.CancellationToken))
        {
            await responseStream.WriteAsync(mapper.Map<AuditEvent>(recorded), context.CancellationToken);
        }
    }

    [Authorize(Policy = Policies.AuditRead)]
    public override async Task<ListDataAccessResponse> ListDataAccess(ListDataAccessRequest request, ServerCallContext context) =>
        mapper.Map<ListDataAccessResponse>(await sender.Send(mapper.Map<Application.Audit.ListDataAccess>(request), context.CancellationToken));
}
