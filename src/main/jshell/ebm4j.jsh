// ebm4j start-up script for JShell:
//   jshell --class-path "target/classes:$(cat target/classpath.txt)" src/main/jshell/ebm4j.jsh
// (target/classpath.txt: mvn -q dependency:build-classpath -Dmdep.outputFile=target/classpath.txt)
// or, with the build's class path: jshell --class-path "$(echo target/lib/*.jar | tr ' ' :)" src/main/jshell/ebm4j.jsh
// In a notebook: %load ../src/main/jshell/ebm4j.jsh (after %dependency /add io.ebm4j:ebm4j:VERSION, /resolve)
import io.ebm4j.*;
import io.ebm4j.energy.*;
import io.ebm4j.sample.*;
import io.ebm4j.train.*;
import io.ebm4j.estimate.*;
import io.ebm4j.nn.*;
import io.ebm4j.random.*;
import io.ebm4j.progress.*;
import io.ebm4j.show.*;
import io.ebm4j.show.notebook.*;
import io.ebm4j.study.*;
import io.ebm4j.experiment.*;
import io.ebm4j.data.*;
import io.ebm4j.store.*;
import io.ebm4j.flow.*;
import io.ebm4j.gebm.*;
import io.ebm4j.discrete.*;
import io.ebm4j.conditional.*;
import io.ebm4j.tribuo.*;
import io.ebm4j.jem.*;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import tech.tablesaw.api.Table;
import org.knowm.xchart.XYChart;
