package io.redisscale.collector.registry;

import io.redisscale.collector.ProblemException;
import io.redisscale.collector.polling.StoredSample;
import io.redisscale.collector.polling.SampleView;
import io.redisscale.runtime.api.Problem;
import com.fasterxml.jackson.databind.JsonNode;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

@Path("/api/v1/instances")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class InstanceResource {
    private static final int MAX_SAMPLES = 10_000;
    private final Instances instances;

    public InstanceResource(Instances instances) {
        this.instances = instances;
    }

    /** Registers an instance; {@code validate=false} skips asking Heroku for the add-on. */
    @POST
    public Response register(InstanceRequest request, @QueryParam("validate") @DefaultValue("true") boolean validate) {
        requireBody(request);
        InstanceEntity e = instances.create(request, validate);
        return Response.created(URI.create("/api/v1/instances/" + e.id)).entity(instances.toView(e)).build();
    }

    /**
     * Instances as code: makes the fleet what the file says ({@code instances: [...]}, YAML or JSON, as
     * {@code ./autoscaler apply -f} sends it); {@code dryRun=true} says what would change and changes nothing,
     * {@code prune=true} deletes instances the file does not declare. All or nothing.
     */
    @POST
    @Path("apply")
    @Consumes({"application/yaml", "text/yaml", MediaType.APPLICATION_JSON, MediaType.TEXT_PLAIN})
    public Instances.Applied apply(String file, @QueryParam("dryRun") @DefaultValue("false") boolean dryRun,
                                   @QueryParam("prune") @DefaultValue("false") boolean prune,
                                   @QueryParam("validate") @DefaultValue("true") boolean validate) {
        return instances.apply(InstanceFile.read(file), prune, dryRun, validate);
    }

    /** The fleet in the file's shape ({@code ./autoscaler export}); secrets as references to environment variables. */
    @GET
    @Path("export")
    @Produces("application/yaml")
    public String export() {
        return instances.export();
    }

    /** Instances a page holds unless {@code limit} says otherwise, and the most it may say. */
    static final int PAGE = 100;
    static final int MAX_PAGE = 1_000;

    /**
     * The instances by name, a page at a time: {@code limit} of them (100 unless given, at most 1,000) after the
     * name {@code after}. A page that is not the last says where the next begins in a {@code Link: rel="next"}
     * header. Each page is one query for the instances and one for their last samples, whatever the fleet's size.
     */
    @GET
    public Response list(@QueryParam("limit") @DefaultValue("" + PAGE) int limit, @QueryParam("after") String after,
                         @jakarta.ws.rs.core.Context jakarta.ws.rs.core.UriInfo uri) {
        if (limit < 1 || limit > MAX_PAGE) {
            throw new ProblemException(400, "Bad Request", "limit must be between 1 and " + MAX_PAGE,
                    List.of(new Problem.FieldError("limit", "must be between 1 and " + MAX_PAGE)));
        }
        List<InstanceEntity> page = (after == null ? InstanceEntity.<InstanceEntity>find("order by name")
                : InstanceEntity.<InstanceEntity>find("name > ?1 order by name", after)).page(0, limit + 1).list();
        boolean more = page.size() > limit;
        List<InstanceEntity> shown = more ? page.subList(0, limit) : page;
        Response.ResponseBuilder answer = Response.ok(instances.toViews(shown));
        if (more) {
            URI next = uri.getRequestUriBuilder().replaceQueryParam("after", shown.get(shown.size() - 1).name)
                    .replaceQueryParam("limit", limit).build();
            answer.link(next, "next");
        }
        return answer.build();
    }

    @GET
    @Path("{id}")
    public InstanceView get(@PathParam("id") UUID id) {
        return instances.toView(instances.find(id));
    }

    /** Replaces every setting: each field must be present (422 names the missing ones). */
    @PUT
    @Path("{id}")
    public InstanceView replace(@PathParam("id") UUID id, InstanceRequest request,
                                @QueryParam("validate") @DefaultValue("true") boolean validate) {
        requireBody(request);
        return instances.toView(instances.replace(id, request, validate));
    }

    /** Changes only the fields the body names (JSON Merge Patch, RFC 7396); null resets a field to its default. */
    @PATCH
    @Path("{id}")
    @Consumes({"application/merge-patch+json", MediaType.APPLICATION_JSON})
    public InstanceView patch(@PathParam("id") UUID id, JsonNode patch,
                              @QueryParam("validate") @DefaultValue("true") boolean validate) {
        requireBody(patch);
        return instances.toView(instances.patch(id, patch, validate));
    }

    @DELETE
    @Path("{id}")
    public Response delete(@PathParam("id") UUID id) {
        instances.delete(id);
        return Response.noContent().build();
    }

    /**
     * The stored history in the backtester's trace format ({@code timestamp,used_memory,connected_clients},
     * oldest first, answered polls only), so {@code ./autoscaler backtest --trace} runs on a real instance.
     */
    @GET
    @Path("{id}/metrics.csv")
    @Produces("text/csv")
    public Response metricsCsv(@PathParam("id") UUID id, @QueryParam("from") Instant from, @QueryParam("to") Instant to) {
        InstanceEntity e = instances.find(id);
        String csv = StoredSample.csv(id, from == null ? Instant.EPOCH : from, to == null ? Instant.parse("9999-12-31T00:00:00Z") : to);
        return Response.ok(csv).header("Content-Disposition", "attachment; filename=\"" + e.name + ".csv\"").build();
    }

    /**
     * Stored samples, newest first, between {@code from} and {@code to} (ISO-8601 instants); with
     * {@code step}, folded into one {@link SampleBucket} per step.
     */
    @GET
    @Path("{id}/metrics")
    public List<?> metrics(@PathParam("id") UUID id, @QueryParam("from") Instant from,
                           @QueryParam("to") Instant to, @QueryParam("step") String step) {
        instances.find(id);
        Instant start = from == null ? Instant.EPOCH : from;
        Instant end = to == null ? Instant.parse("9999-12-31T00:00:00Z") : to;
        if (end.isBefore(start)) {
            throw new ProblemException(400, "Bad Request", "'to' is before 'from'",
                    List.of(new Problem.FieldError("to", "must not be before from")));
        }
        if (step != null) {
            return StoredSample.buckets(id, start, end, MetricsStep.parse(step), MAX_SAMPLES);
        }
        return StoredSample.<StoredSample>find("instanceId = ?1 and at >= ?2 and at <= ?3 order by at desc", id, start, end)
                .page(0, MAX_SAMPLES).list().stream().map(SampleView::of).toList();
    }

    private static void requireBody(Object request) {
        if (request == null) {
            throw new ProblemException(400, "Bad Request", "a JSON body is required", List.of());
        }
    }
}
