using global::Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using PesanAI.Application.Privacy;
using PesanAI.Host.Auth;
using PesanAI.Host.Mapping;
using Api = PesanAI.Protos.Privacy.V1;

namespace PesanAI.Host.Services;

/// <summary>A customer's export and erasure: the tenant's own callers only (the operator never reads customers).</summary>
public sealed partial class PrivacyGrpcService
{
    [Authorize(Policy = Policies.CustomerPrivacy)]
    public override async Task ExportCustomerData(Api.ExportCustomerDataRequest request, IServerStreamWriter<Api.ArchiveChunk> responseStream, ServerCallContext context) =>
        await WriteAsync(await Sender.Send(new ExportCustomerData(CustomerPrivacyMapping.ToCustomer(request)), context.CancellationToken), responseStream, context);

    [Authorize(Policy = Policies.CustomerPrivacy)]
    public override async Task<Api.CustomerErasure> EraseCustomer(Api.EraseCustomerRequest request, ServerCallContext context) =>
        CustomerPrivacyMapping.ToApi(await Sender.Send(
            new EraseCustomer(CustomerPrivacyMapping.ToCustomer(request), request.RequestId, request.Reason),
            context.CancellationToken));
}
