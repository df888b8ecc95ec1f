package io.runway.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A process's own CPU against its tree's: the harness JVM is the parent of every process it starts,
 * so measured as a tree it would be charged with Runway's, Temporal's and PostgreSQL's CPU.
 */
class CpuMeterTest {

  @Test
  void aProcessAloneLeavesOutTheCpuOfItsChildrenWhileItsTreeCountsThem() throws Exception {
    long self = ProcessHandle.current().pid();
    CpuMeter meter = new CpuMeter().process("alone", self).group("tree", () -> List.of(self));
    Map<String, Double> before = meter.sample();
    Process spinner = new ProcessBuilder("sh", "-c", "end=$(($(date +%s) + 2)); while [ $(date +%s) -lt $end ]; do :; done").start();
    Map<String, Double> during;
    try {
      Thread.sleep(1500); // the child busy, this JVM idle
      during = CpuMeter.delta(before, meter.sample());
    } finally {
      spinner.waitFor();
    }

    assertThat(during.get("tree")).as("the tree counts the busy child").isGreaterThan(0.8);
    assertThat(during.get("alone")).as("the process alone does not").isLessThan(during.get("tree") - 0.7);
  }
}
