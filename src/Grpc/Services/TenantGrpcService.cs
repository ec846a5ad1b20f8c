using global::Grpc.Core;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using PesanAI.Application.Tenants;
using PesanAI.Host.Auth;
using PesanAI.Host.Mapping;
using PesanAI.Protos.Tenants.V1;
using static PesanAI.Host.Mapping.ProtoMapping;

namespace PesanAI.Host.Services;

/// <summary>pesanai.tenants.v1.TenantService: map the request, send it, map the result.</summary>
[Authorize(Policy = Policies.Platform)]
public sealed class TenantGrpcService(ISender sender) : TenantService.TenantServiceBase
{
    public override async Task<Tenant> CreateTenant(CreateTenantRequest request, ServerCallContext context) =>
        (await sender.Send(new CreateTenant(request.DisplayName, request.TimeZone, request.DefaultLanguage), context.CancellationToken)).ToProto();

    public override async Task<Tenant> GetTenant(GetTenantRequest request, ServerCallContext context) =>
        (await sender.Send(new GetTenant(request.Id), context.CancellationToken)).ToProto();

    public override async Task<ListTenantsResponse> ListTenants(ListTenantsRequest request, ServerCallContext context)
    {
        var page = await sender.Send(new ListTenants(request.PageSize, request.PageToken), context.CancellationToken);
        var response = new ListTenantsResponse { NextPageToken = page.NextPageToken };
        response.Tenants.AddRange(page.Tenants.Select(t => t.ToProto()));
        return response;
    }

    public override async Task<Tenant> UpdateBusinessProfile(UpdateBusinessProfileRequest request, ServerCallContext context) =>
        (await sender.Send(
            new UpdateBusinessProfile(
                request.TenantId,
                request.BusinessProfile.ToDomain(),
                ExpectedVersion(request.HasExpectedVersion, request.ExpectedVersion)),
            context.CancellationToken)).ToProto();

    public override async Task<Tenant> RegisterPhoneNumber(RegisterPhoneNumberRequest request, ServerCallContext context) =>
        (await sender.Send(
            new RegisterPhoneNumber(
                request.TenantId,
                request.PhoneNumberId,
                request.DisplayPhoneNumber,
                request.WabaId,
                request.AccessToken,
                request.AppSecret,
                request.VerifyToken,
                request.Label,
                ExpectedVersion(request.HasExpectedVersion, request.ExpectedVersion)),
            context.CancellationToken)).ToProto();

    public override async Task<Tenant> RemovePhoneNumber(RemovePhoneNumberRequest request, ServerCallContext context) =>
        (await sender.Send(
            new RemovePhoneNumber(request.TenantId, request.PhoneNumberId, ExpectedVersion(request.HasExpectedVersion, request.ExpectedVersion)),
            context.CancellationToken)).ToProto();

    public override async Task<Tenant> SuspendTenant(SuspendTenantRequest request, ServerCallContext context) =>
        (await sender.Send(
            new SuspendTenant(request.Id, request.Reason, ExpectedVersion(request.HasExpectedVersion, request.ExpectedVersion)),
            context.CancellationToken)).ToProto();

    public override async Task<Tenant> ReactivateTenant(ReactivateTenantRequest request, ServerCallContext context) =>
        (await sender.Send(
            new ReactivateTenant(request.Id, ExpectedVersion(request.HasExpectedVersion, request.ExpectedVersion)),
            context.CancellationToken)).ToProto();
}
