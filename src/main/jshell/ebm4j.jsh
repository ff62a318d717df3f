// ebm4j start-up script for JShell:
//   jshell --class-path "target/classes:$(cat target/classpath.txt)" src/main/jshell/ebm4j.jsh
// (target/classpath.txt: mvn -q dependency:build-classpath -Dmdep.outputFile=target/classpath.txt)
// or, with the notebook class path: jshell --class-path "$(echo target/lib/*.jar | tr ' ' :)" src/main/jshell/ebm4j.jsh
import io.ebm4j.*;
import io.ebm4j.energy.*;
import io.ebm4j.sample.*;
import io.ebm4j.train.*;
import io.ebm4j.estimate.*;
import io.ebm4j.nn.*;
import io.ebm4j.random.*;
import io.ebm4j.progress.*;
import io.ebm4j.show.*;
import io.ebm4j.study.*;
import io.ebm4j.experiment.*;
import io.ebm4j.tribuo.*;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import tech.tablesaw.api.Table;
import org.knowm.xchart.XYChart;
