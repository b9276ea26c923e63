package tunesmith.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Marks tests that need a running SLURM cluster on this machine ({@code scripts/local-slurm up}):
 * they are skipped when there is none, and fail instead when {@code TUNESMITH_REQUIRE_SLURM=1} (as
 * in CI).
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(LocalSlurm.class)
public @interface RequiresLocalSlurm {}
