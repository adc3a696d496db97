package io.redisscale.collector.registry;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** A key rotation's progress (key ids only, never a key), and a re-seal run on demand. */
@Path("/api/v1/keys")
@Produces(MediaType.APPLICATION_JSON)
public class KeyResource {
    private final Resealer resealer;

    public KeyResource(Resealer resealer) {
        this.resealer = resealer;
    }

    /** Which key is current and how many stored Redis URLs each key seals: the old key may go at 0 under old keys. */
    @GET
    public Resealer.Status status() {
        return resealer.status();
    }

    /** Re-seals now what the background run would (after setting the new key, to finish at once). */
    @POST
    @Path("reseal")
    public Resealer.Status reseal() {
        resealer.resealAll();
        return resealer.status();
    }
}
